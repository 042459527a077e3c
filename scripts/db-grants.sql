-- What the API's role may do, run as apply_role (or a superuser) after every db-apply:
--   psql -v schema=registry -v apply_role=registry_apply -v service_role=registry_service -f scripts/db-grants.sql
-- The service reads and writes its read models, queues and projection progress, and may append events and leaves;
-- it may never change or remove an event, a leaf or a stream, nor change the schema.
grant usage on schema :"schema" to :"service_role";
grant select, insert, update, delete on all tables in schema :"schema" to :"service_role";
grant usage, select, update on all sequences in schema :"schema" to :"service_role";
grant execute on all functions in schema :"schema" to :"service_role";
revoke update, delete, truncate on :"schema".mt_events, :"schema".audit_leaves from :"service_role";
-- Deleting a stream would delete its events with it (the foreign key cascades as the table's owner).
revoke delete, truncate on :"schema".mt_streams from :"service_role";
alter default privileges for role :"apply_role" in schema :"schema" grant select, insert, update, delete on tables to :"service_role";
alter default privileges for role :"apply_role" in schema :"schema" grant usage, select, update on sequences to :"service_role";
alter default privileges for role :"apply_role" in schema :"schema" grant execute on functions to :"service_role";

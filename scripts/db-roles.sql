-- The registry's two database roles, made once per database by its owner or a superuser:
--   psql -v schema=registry -v apply_role=registry_apply -v service_role=registry_service -f scripts/db-roles.sql
-- Set their passwords afterwards (\password registry_apply, \password registry_service).
-- db-apply runs as apply_role, which owns the schema and everything in it; the API runs as service_role.
create role :"apply_role" login;
create role :"service_role" login;
create schema if not exists :"schema" authorization :"apply_role";

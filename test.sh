#!/usr/bin/env bash
# Runs the whole test suite against a real PostgreSQL and ends with one line: "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"
source scripts/postgres.sh
source scripts/browser.sh
browser_ensure
# The suite does not need durable writes; the cluster is thrown away.
export REGISTRY_PG_FSYNC="${REGISTRY_PG_FSYNC:-off}"
pg_ensure
trap pg_stop EXIT
# Tests use Testcontainers only where a Docker engine answers; here they use this database.
export REGISTRY_TEST_DATABASE="$ConnectionStrings__EventStore"

log="$(mktemp)"
status=0
dotnet test EventStore.sln --nologo "$@" 2>&1 | tee "$log" || status=$?
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
# A skipped test proves nothing: say so above the summary line.
if [ "${skipped:-0}" -ne 0 ]; then echo "${skipped} skipped (see above)"; fi
echo "${passed:-0} passed, ${failed:-0} failed"
if [ "$status" -ne 0 ] || [ "${failed:-0}" -ne 0 ] || [ "${passed:-0}" -eq 0 ]; then exit 1; fi

#!/usr/bin/env bash
# Starts the registry on http://127.0.0.1:5080 (Swagger UI at /swagger; dev tokens on in Development, the default) against a PostgreSQL
# it finds or starts (see scripts/postgres.sh). The schema is applied at start-up.
# --demo starts the demo host instead: the same API with the synthetic demo town loaded at start-up (once; later starts
# find it there). The demo generator lives only in that executable, never in the production API's assembly.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/postgres.sh
pg_ensure
trap pg_stop EXIT

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
# Dev tokens only where the environment is Development; the API refuses to start with them anywhere else.
if [[ "$ASPNETCORE_ENVIRONMENT" == "Development" ]]; then export Auth__DevTokens="${Auth__DevTokens:-true}"; fi
args=()
host=Api
assembly=Registry.Api
for arg in "$@"; do
  if [[ "$arg" == "--demo" ]]; then export Demo__Load=true; host=Demo; assembly=Registry.Demo; else args+=("$arg"); fi
done
dotnet build "src/$host/$assembly.csproj" --nologo -v quiet -c Release >/dev/null
echo "Registry: http://127.0.0.1:5080/swagger  console: http://127.0.0.1:5080/console  (health: /health/ready)"
# The content root is the output folder, where the appsettings files are.
cd "src/$host/bin/Release/net10.0"
dotnet "$assembly.dll" --urls http://127.0.0.1:5080 ${args[@]+"${args[@]}"}

#!/usr/bin/env bash
# Writes the OpenAPI document the API serves to src/Client/openapi.json (the published contract the C# client is
# generated from) and lints it with Spectral's OpenAPI rules. `--check` only writes it to a temporary file and lints that.
# Needs no database: the document comes from the endpoints' metadata.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$PWD/src/Client/openapi.json"
if [ "${1:-}" == "--check" ]; then out="$(mktemp --suffix=.json)"; trap 'rm -f "$out"' EXIT; fi
dotnet build src/Api/Registry.Api.csproj --nologo -v quiet -c Release >/dev/null
(cd src/Api/bin/Release/net10.0 && ASPNETCORE_ENVIRONMENT=Development \
  ConnectionStrings__EventStore="Host=127.0.0.1;Port=1;Database=unused;Username=unused" \
  dotnet Registry.Api.dll openapi -o "$out" >/dev/null)
echo "[contract] wrote $out"
npx --yes @stoplight/spectral-cli@6 lint "$out" -r .spectral.yaml --fail-severity=warn

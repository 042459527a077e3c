#!/usr/bin/env bash
# Writes Wolverine's generated handler code (every HTTP route and message handler) to src/Api/Internal/Generated, where
# the build compiles it into the API: production loads only that code (TypeLoadMode.Static) and never compiles at run
# time. Run it after changing a route's signature, its middleware or policies, or adding a route or handler, and commit
# the result. `--check` writes it the same way and fails when that changed any file, so stale code cannot ship.
# Needs no database.
set -euo pipefail
cd "$(dirname "$0")/.."
generated=src/Api/Internal/Generated
before="$(mktemp -d)"
[ -d "$generated" ] && cp -r "$generated/." "$before/"
written=0
# A build or write that fails leaves the code as it was.
restore() {
  if [ "$written" != 1 ]; then rm -rf "$generated"; mkdir -p "$generated"; cp -r "$before/." "$generated/"; fi
  rm -rf "$before"
}
trap restore EXIT
# The old code may no longer compile against the changed endpoints: build without it, then write it anew.
rm -rf "$generated"
dotnet build src/Api/Registry.Api.csproj --nologo -v quiet -c Release
(cd src/Api && ASPNETCORE_ENVIRONMENT=Development \
  ConnectionStrings__EventStore="Host=127.0.0.1;Port=1;Database=unused;Username=unused" \
  dotnet bin/Release/net10.0/Registry.Api.dll codegen write >/dev/null)
written=1
dotnet build src/Api/Registry.Api.csproj --nologo -v quiet -c Release
echo "[codegen] wrote $(find "$generated" -name '*.cs' | wc -l) files to $generated"
if [ "${1:-}" == "--check" ] && ! diff -r -q "$before" "$generated"; then
  echo "[codegen] the generated code in the tree was stale (now written anew): commit $generated" >&2
  exit 1
fi

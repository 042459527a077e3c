#!/usr/bin/env bash
# Benchmarks the registry against raw PostgreSQL and writes a Markdown report to bench/results/.
# Finds PostgreSQL like run.sh (scripts/postgres.sh); the bench database registry_bench is dropped and made anew each run.
# Options: bench/run.sh --help
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
source scripts/postgres.sh
pg_ensure
trap pg_stop EXIT

# Builds the bench and, through its reference, the API, both in Release.
dotnet build bench/Registry.Bench/Registry.Bench.csproj --nologo -v quiet -c Release >/dev/null
# BENCH_API_DLL may name another build of the API, such as a published one.
export BENCH_API_DLL="${BENCH_API_DLL:-$ROOT/src/Api/bin/Release/net10.0/Registry.Api.dll}"
export BENCH_RESULTS="$ROOT/bench/results"
dotnet bench/Registry.Bench/bin/Release/net10.0/Registry.Bench.dll "$@"

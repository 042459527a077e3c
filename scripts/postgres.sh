#!/usr/bin/env bash
# Sourced by run.sh and test.sh: makes ConnectionStrings__EventStore point at a PostgreSQL.
# Order: an existing ConnectionStrings__EventStore; else docker compose when a Docker engine answers;
# else a throwaway cluster under .data/ from the machine's PostgreSQL binaries (installed if missing).
set -euo pipefail

REGISTRY_ROOT="${REGISTRY_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
PG_STARTED_HERE=""

pg_log() { echo "[postgres] $*" >&2; }

pg_port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pg_find_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

pg_install() {
  pg_log "no PostgreSQL server binaries found; installing them with apt-get"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
  # The package's own cluster is not needed; the registry runs its own.
  $sudo pg_ctlcluster --help >/dev/null 2>&1 && { $sudo service postgresql stop >/dev/null 2>&1 || true; }
}

pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_local_cluster() {
  local bin data sock port
  bin="$(pg_find_bin)" || { pg_install; bin="$(pg_find_bin)"; }
  data="$REGISTRY_ROOT/.data/pg"
  sock="$REGISTRY_ROOT/.data/pg-socket"
  mkdir -p "$REGISTRY_ROOT/.data" "$sock"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home /var/lib/postgresql postgres
    chown postgres "$REGISTRY_ROOT/.data" "$sock"
  fi
  if [ -f "$data/postmaster.pid" ]; then
    pg_as_owner "$bin/pg_ctl" -D "$data" -m fast stop >/dev/null 2>&1 || true
    rm -f "$data/postmaster.pid"
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    rm -rf "$data"
    pg_as_owner "$bin/initdb" -D "$data" --auth=trust --encoding=UTF8 --locale=C.UTF-8 -U postgres >/dev/null
  fi
  port="${REGISTRY_PG_PORT:-55432}"
  while ! pg_port_free "$port"; do port=$((port + 1)); done
  # Per-statement counters for the bench's "where PostgreSQL's time goes", where the server has the module.
  local statements=""
  [ -f "$("$bin/pg_config" --pkglibdir 2>/dev/null)/pg_stat_statements.so" ] && statements="-c shared_preload_libraries=pg_stat_statements"
  pg_as_owner "$bin/pg_ctl" -D "$data" -l "$REGISTRY_ROOT/.data/postgres.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $sock -c fsync=${REGISTRY_PG_FSYNC:-on} -c max_connections=200 $statements" start >/dev/null
  PG_STARTED_HERE="$bin/pg_ctl -D $data"
  "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "select 1 from pg_database where datname='registry'" | grep -q 1 \
    || "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "create database registry" >/dev/null
  export ConnectionStrings__EventStore="Host=127.0.0.1;Port=$port;Database=registry;Username=postgres;Pooling=true;Maximum Pool Size=100"
  pg_log "throwaway cluster on 127.0.0.1:$port (data in .data/pg)"
}

pg_docker() {
  (cd "$REGISTRY_ROOT" && docker compose up -d --wait postgres >&2)
  export ConnectionStrings__EventStore="Host=127.0.0.1;Port=5432;Database=registry;Username=registry;Password=registry"
  pg_log "docker compose PostgreSQL on 127.0.0.1:5432"
}

pg_stop() {
  if [ -n "$PG_STARTED_HERE" ]; then
    pg_as_owner $PG_STARTED_HERE -m fast stop >/dev/null 2>&1 || true
    PG_STARTED_HERE=""
  fi
}

pg_ensure() {
  if [ -n "${ConnectionStrings__EventStore:-}" ]; then
    pg_log "using ConnectionStrings__EventStore from the environment"
  elif command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
    pg_docker
  else
    pg_local_cluster
  fi
}

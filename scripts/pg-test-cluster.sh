#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster on loopback for the test suite and prints the
# admin URL to export as TEST_DATABASE_URL. Uses Debian's postgresql package; runs the
# server as the 'postgres' user because PostgreSQL refuses to run as root.
set -euo pipefail
port="${PGTEST_PORT:-55432}"
dir="${PGTEST_DIR:-/tmp/tam-pg-test}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$bin" ]; then
  echo "PostgreSQL server binaries not found; install Debian's 'postgresql' package" >&2
  exit 1
fi
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
if ! as_pg "'$bin/pg_ctl' -D '$dir' status" >/dev/null 2>&1; then
  if [ ! -f "$dir/PG_VERSION" ]; then
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    as_pg "'$bin/initdb' -D '$dir' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
  fi
  as_pg "'$bin/pg_ctl' -D '$dir' -l '$dir/server.log' -o \"-p $port -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off\" -w start" >/dev/null
fi
echo "postgres://postgres@127.0.0.1:$port/postgres"

#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster: initdb into a temporary folder,
# serve it on a free loopback port, create the test database with `unaccent`, export
# COTEJO_TEST_DATABASE_URL, run "$@", and remove the cluster whatever the command did.
# PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user
# (created by Debian's package) and its programs run through runuser.
set -euo pipefail

bin="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
[ -x "$bin/initdb" ] || { echo "with-postgres: no PostgreSQL in /usr/lib/postgresql" >&2; exit 2; }
port="${PG_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
dir="$(mktemp -d "${TMPDIR:-/tmp}/cotejo-pg.XXXXXX")"

as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cleanup() {
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

[ "$(id -u)" = 0 ] && chown postgres: "$dir"
as_owner "$bin/initdb" -D "$dir/data" -U cotejo -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
# Durability is pointless for a cluster that lives as long as one test run.
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "-k $dir -p $port \
    -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off \
    -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
    || { cat "$dir/server.log" >&2; exit 2; }
as_owner "$bin/psql" -q -h "$dir" -p "$port" -U cotejo -d postgres \
    -c "CREATE DATABASE cotejo" -c "\\c cotejo" -c "CREATE EXTENSION unaccent"

export COTEJO_TEST_DATABASE_URL="postgresql+psycopg://cotejo@127.0.0.1:$port/cotejo"
echo "with-postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
"$@"

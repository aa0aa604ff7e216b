#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the tests of the shared history store (docs/multi-site.md)
# and prints its address, e.g. postgres://postgres@/postgres?host=/tmp/cxaudit-pg.X/socket
#
#   Scripts/start-test-postgres.sh DIR     a new cluster in DIR (which must not exist or be empty)
#   Scripts/start-test-postgres.sh --stop DIR
#
# The server listens on a Unix socket in DIR only (no TCP port), trusts local connections, and runs
# as the `postgres` user when started by root (PostgreSQL refuses to run as root). It needs Debian's
# postgresql package (.ci/run installs it). The tests use it when CXAUDIT_TEST_POSTGRES is not set.
set -euo pipefail

bin=""
for candidate in /usr/lib/postgresql/*/bin; do
    [ -x "$candidate/initdb" ] && bin="$candidate"
done
if [ -z "$bin" ]; then
    echo "error: PostgreSQL's server programs are not installed (/usr/lib/postgresql/*/bin/initdb); install Debian's postgresql package" >&2
    exit 2
fi

as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "${1:-}" = "--stop" ]; then
    as_owner "$bin/pg_ctl" -D "$2/data" -m immediate stop >/dev/null
    exit 0
fi

dir="${1:?usage: start-test-postgres.sh DIR}"
mkdir -p "$dir/socket"
if [ "$(id -u)" = 0 ]; then chown -R postgres "$dir"; fi
as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --no-sync -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 2; }
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-c listen_addresses='' -k $dir/socket -c fsync=off -c max_connections=200" start >/dev/null \
    || { cat "$dir/server.log" >&2; exit 2; }
echo "postgres://postgres@/postgres?host=$dir/socket"

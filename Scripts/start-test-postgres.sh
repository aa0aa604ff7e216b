#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the tests of the shared history store (docs/multi-site.md)
# and prints its address, e.g. postgres://postgres@/postgres?host=/tmp/cxaudit-pg.X/socket
#
#   Scripts/start-test-postgres.sh DIR     a new cluster in DIR (which must not exist or be empty)
#   Scripts/start-test-postgres.sh --stop DIR
#
# The server listens on a Unix socket in DIR/socket and, with TLS only, on a free TCP port of the
# loopback interface (DIR/port), with a certificate for "localhost" from a throwaway CA (DIR/ca.crt)
# so that the tests can connect with sslmode=verify-full. It trusts local connections, and runs as
# the `postgres` user when started by root (PostgreSQL refuses to run as root). It needs Debian's
# postgresql package and openssl (.ci/run installs them). The tests use it when CXAUDIT_TEST_POSTGRES
# is not set.
set -euo pipefail

bin=""
for candidate in /usr/lib/postgresql/*/bin; do
    [ -x "$candidate/initdb" ] && bin="$candidate"
done
if [ -z "$bin" ]; then
    echo "error: PostgreSQL's server programs are not installed (/usr/lib/postgresql/*/bin/initdb); install Debian's postgresql package" >&2
    exit 2
fi

# From /, which the postgres user can enter whatever the caller's folder (every path here is absolute).
as_owner() {
    if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
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
# A CA and a server certificate for localhost, made here and thrown away with the cluster.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=cxaudit test CA" -keyout "$dir/ca.key" -out "$dir/ca.crt" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$dir/server.key" -out "$dir/server.csr" 2>/dev/null
printf 'subjectAltName=DNS:localhost\n' > "$dir/san.ext"
openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -days 2 -extfile "$dir/san.ext" \
    -out "$dir/server.crt" 2>/dev/null
chmod 600 "$dir/server.key"
if [ "$(id -u)" = 0 ]; then chown postgres "$dir/server.key" "$dir/server.crt"; fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
echo "$port" > "$dir/port"
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir/socket -c fsync=off -c max_connections=200 -c ssl=on -c ssl_cert_file=$dir/server.crt -c ssl_key_file=$dir/server.key" \
    start >/dev/null \
    || { cat "$dir/server.log" >&2; exit 2; }
echo "postgres://postgres@/postgres?host=$dir/socket&port=$port"

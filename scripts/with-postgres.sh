#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL server on loopback (a temporary directory, a free
# port, trust authentication, fsync off) and OUTCRY_TEST_POSTGRES set to its URL; stops the server
# and removes its files afterwards, whatever the command's outcome. Used by `make test`, and by
# `make bench` with OUTCRY_PG_DURABLE=1 (PostgreSQL's default durability: fsync, synchronous commit).
# Usage: scripts/with-postgres.sh COMMAND [ARGS...]
set -euo pipefail
bindir=$(pg_config --bindir 2>/dev/null || true)
[ -x "$bindir/initdb" ] || bindir=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1)")
[ -x "$bindir/initdb" ] || { echo "with-postgres: no PostgreSQL server found (apt-get install postgresql)" >&2; exit 1; }
tmp=$(mktemp -d /tmp/outcry-pg.XXXXXX)
as_owner=()
if [ "$(id -u)" = 0 ]; then   # the server refuses to run as root
  chown postgres:postgres "$tmp"
  as_owner=(runuser -u postgres --)
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
stop() { "${as_owner[@]}" "$bindir/pg_ctl" -D "$tmp/data" -m immediate -w stop >/dev/null 2>&1 || true; rm -rf "$tmp"; }
trap stop EXIT
"${as_owner[@]}" "$bindir/initdb" -D "$tmp/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"   # tests need no durability
[ "${OUTCRY_PG_DURABLE:-0}" = 1 ] && fast=""
"${as_owner[@]}" "$bindir/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 30 start \
  -o "-p $port -c listen_addresses=127.0.0.1 -k $tmp $fast" >/dev/null ||
  { cat "$tmp/server.log" >&2; exit 1; }
"$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres outcry_test
export OUTCRY_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port/outcry_test"
"$@"

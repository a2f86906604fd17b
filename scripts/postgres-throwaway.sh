#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests (and anyone who needs one quickly): a fresh cluster in a folder,
# trusted on loopback only, durability off (fsync), so it starts in seconds and costs nothing to throw away.
#   scripts/postgres-throwaway.sh start DIR [PORT]   starts it (creating it if needed) and prints its connection string
#   scripts/postgres-throwaway.sh stop DIR           stops it and deletes DIR
# Debian's initdb refuses to run as root, so as root the server runs as the `postgres` user.
# POSTGRES_THROWAWAY_DURABLE=1 keeps PostgreSQL's own durability settings (the load driver measures with them).
set -euo pipefail
cmd=${1:?usage: postgres-throwaway.sh start|stop DIR [PORT]}
dir=${2:?usage: postgres-throwaway.sh start|stop DIR [PORT]}
port=${3:-55432}

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [[ -z "$bin" || ! -x "$bin/initdb" ]]; then
  echo "PostgreSQL is not installed: apt-get install postgresql (or set BILLING_TEST_POSTGRES to a server's connection string)" >&2
  exit 3
fi
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$cmd" in
  start)
    mkdir -p "$dir"
    [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$dir"
    if [[ ! -f "$dir/data/PG_VERSION" ]]; then
      as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
    fi
    options="-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=500"
    if [[ "${POSTGRES_THROWAWAY_DURABLE:-0}" != 1 ]]; then
      options+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    fi
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$options" start >/dev/null
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    ;;
  stop)
    if [[ -f "$dir/data/PG_VERSION" ]]; then
      as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac

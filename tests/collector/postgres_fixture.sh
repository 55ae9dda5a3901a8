#!/usr/bin/env bash
# A throwaway PostgreSQL server for the collector's tests: Debian's binaries,
# a fresh cluster in a temporary directory, listening on a unix socket only.
#
#   postgres_fixture.sh start STATE_DIR   writes STATE_DIR/conninfo
#   postgres_fixture.sh stop STATE_DIR
#
# Tests run as root; PostgreSQL refuses to, so it runs as the `postgres` user
# (created by Debian's package).
set -euo pipefail
action=$1
state=$2
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bin" ]; then
  echo "postgres_fixture: no PostgreSQL server binaries (apt-get install postgresql)" >&2
  exit 1
fi
as_owner=()
if [ "$(id -u)" = 0 ]; then as_owner=(runuser -u postgres --); fi

stop_server() {
  if [ -f "$state/dir" ]; then
    local dir
    dir=$(cat "$state/dir")
    "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
  fi
  rm -rf "$state"
}

case "$action" in
  start)
    stop_server  # a server left by an interrupted run
    mkdir -p "$state"
    dir=$(mktemp -d /tmp/confidant-pg.XXXXXX)
    echo "$dir" > "$state/dir"
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; fi
    "${as_owner[@]}" "$bin/initdb" -D "$dir/data" --auth=trust -U postgres -E UTF8 >/dev/null
    "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-c listen_addresses='' -k $dir -c fsync=off" start >/dev/null
    "${as_owner[@]}" "$bin/createdb" -h "$dir" -U postgres confidant_test
    echo "postgresql://postgres@/confidant_test?host=$dir" > "$state/conninfo"
    ;;
  stop)
    stop_server
    ;;
  *)
    echo "usage: $0 start|stop STATE_DIR" >&2
    exit 2
    ;;
esac

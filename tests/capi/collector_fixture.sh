#!/usr/bin/env bash
# A running confidant-collector for the Swift and Java tests (their HTTP
# transports against a real server), serving the brand that
# confidant_test_brand made in BRAND_DIR.
#
#   collector_fixture.sh start COLLECTOR_BINARY BRAND_DIR   writes BRAND_DIR/collector.url
#   collector_fixture.sh stop  COLLECTOR_BINARY BRAND_DIR
set -euo pipefail
action=$1
collector=$2
dir=$3
case "$action" in
  start)
    if [ -f "$dir/collector.pid" ]; then kill "$(cat "$dir/collector.pid")" 2>/dev/null || true; fi
    rm -f "$dir/collector.url" "$dir/collector.out" "$dir/collector.db"*
    "$collector" --listen 127.0.0.1:0 --keys "$dir" --rate 100000 > "$dir/collector.out" 2>&1 &
    echo $! > "$dir/collector.pid"
    for _ in $(seq 1 100); do
      if grep -q "^listening on " "$dir/collector.out"; then
        echo "http://$(sed -n 's/^listening on //p' "$dir/collector.out")" > "$dir/collector.url"
        exit 0
      fi
      sleep 0.1
    done
    echo "collector_fixture: the collector did not start:" >&2
    cat "$dir/collector.out" >&2
    exit 1
    ;;
  stop)
    if [ -f "$dir/collector.pid" ]; then kill "$(cat "$dir/collector.pid")" 2>/dev/null || true; rm -f "$dir/collector.pid"; fi
    ;;
  *)
    echo "usage: $0 start|stop COLLECTOR_BINARY BRAND_DIR" >&2
    exit 2
    ;;
esac

#!/usr/bin/env bash
# WebSocket fan-out: delivered, lost, duplicated, delivery p50/p99/max, connect errors and time.
# Usage: bench/tools/ws-fanout.sh --url ws://127.0.0.1:PORT/ws/chat [--url …] --clients N --messages M
#                                 [--hello TEMPLATE]… [--msg TEMPLATE] [--tokens-file F | --register URL] …
# Every option is described at the top of bench/ws/fanout.js. Raises the open-file limit so that
# one process can hold up to 20,000 clients.
# Prints one line: clients=.. connected=.. messages=.. expected=.. delivered=.. lost=.. dup=.. p50_ms=.. …
set -euo pipefail
source "$(cd "$(dirname "$0")/.." && pwd)/lib.sh"
[[ -d $bench_dir/ws/node_modules/ws ]] || { echo "bench/ws/node_modules missing: run bench/setup.sh" >&2; exit 1; }
raise_nofile 65536
exec node "$bench_dir/ws/fanout.js" "$@"

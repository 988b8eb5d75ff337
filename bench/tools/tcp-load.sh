#!/usr/bin/env bash
# TCP connections/s, one request per connection, every reply checked (tools/TcpLoad.java).
# Usage: bench/tools/tcp-load.sh --port P [--mode echo|contacts] [--payload TEXT] [-c 64] [-t 1]
#                                [-d 10] [-n REQUESTS] [--warmup 2] [--timeout-ms 5000]
# Prints one line: conns_per_s=.. requests=.. ok=.. errors=.. p50_ms=.. p90_ms=.. p99_ms=.. max_ms=.. …
set -euo pipefail
source "$(cd "$(dirname "$0")/.." && pwd)/lib.sh"
raise_nofile 65536
exec "$JAVA" -XX:+UseSerialGC -Xms64m -Xmx512m "$tools/TcpLoad.java" "$@"

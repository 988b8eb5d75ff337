#!/usr/bin/env bash
# Idle connections held at once, then probed, with the server's fds, RSS and threads (tools/IdleConns.java).
# Usage: bench/tools/idle-conns.sh --port P [--count 5000] [--hold 10] [--parallel 200] [--pid SERVER_PID]
#                                  [--probe ping] [--timeout-s 30]
# Prints one line: target=.. held=.. dropped=.. connect_err=.. open_s=.. accepted=.. probed_ok=.. rss_…
set -euo pipefail
source "$(cd "$(dirname "$0")/.." && pwd)/lib.sh"
raise_nofile 65536
exec "$JAVA" -XX:+UseSerialGC -Xmx256m "$tools/IdleConns.java" "$@"

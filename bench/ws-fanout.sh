#!/usr/bin/env bash
# WebSocket chat fan-out: N users in one room through the gateway, one sender; delivery p50/p99 and losses
#
# Usage: bench/ws-fanout.sh [gateway|direct] [CLIENTS=1000] [MESSAGES=20]
#   gateway  the clients connect to the gateway (ws://127.0.0.1:18680/ws/chat), which
#            MESSAGING_SERVICE_URL points at the service, as users do
#   direct   the clients connect to messaging-service itself (ws://127.0.0.1:18683/ws/chat)
# Starts messaging-service (compose's JVM flags, a fresh H2 database, the TCP chat on 18602)
# and, in gateway mode, the gateway, on ports of its own; registers CLIENTS users; runs
# ../shared/bench/tools/ws-fanout.sh: every client authenticates with its own token and joins
# the room "bench", client 0 says MESSAGES messages 50 ms apart, every other client must get
# each one, after a warm-up run in another room (below). The clients wait 20 s after
# connecting before the first message: a thousand arrivals are half a million presence
# announcements (each newcomer is announced to everyone already there, and the gateway
# relays each one), and what is measured is the steady fan-out of messages, not that burst.
# Stops everything.
# Prints one line: mode=… clients=… delivered=… lost=… p50_ms=… p99_ms=… messaging_rss_mib=…
set -euo pipefail
source "$(cd "$(dirname "$0")" && pwd)/lib.sh"

mode=${1:-gateway}
clients=${2:-1000}
messages=${3:-20}
messaging_port=18683
gateway_port=18680
[[ $mode == gateway || $mode == direct ]] || { echo "usage: bench/ws-fanout.sh [gateway|direct] [CLIENTS] [MESSAGES]" >&2; exit 2; }
[[ -d $tools/ws/node_modules/ws ]] || { echo "run $shared_bench/setup.sh once (node ws)" >&2; exit 1; }

work=$(mktemp -d "$bench_run/ws-fanout.XXXXXX")
trap 'stop_services; rm -rf "$work"' EXIT
raise_nofile 65536

start_service messaging-service "$messaging_port" --switchboard.socket.servers.chat.port=18602 \
    --switchboard.messaging.chat.rate-limit=500 --switchboard.messaging.chat.rate-burst=1000 \
    --spring.datasource.url="jdbc:h2:file:$work/messaging;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
url=ws://127.0.0.1:$messaging_port/ws/chat
if [[ $mode == gateway ]]; then
    MESSAGING_SERVICE_URL=http://127.0.0.1:$messaging_port start_service gateway "$gateway_port"
    url=ws://127.0.0.1:$gateway_port/ws/chat
fi

# one registered user per client, their tokens one a line for {token}
python3 - "http://127.0.0.1:$messaging_port" "$clients" "$work/tokens" <<'PY'
import sys, uuid
import requests
base, count, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
run = uuid.uuid4().hex[:6]
with requests.Session() as http, open(path, "w") as tokens:
    for i in range(count):
        answer = http.post(base + "/api/users", json={"nickname": f"b{run}_{i}"}, timeout=10)
        answer.raise_for_status()
        tokens.write(answer.json()["token"] + "\n")
PY

# chat ROOM CLIENTS MESSAGES INTERVAL_MS SETTLE_MS TIMEOUT_S: the first CLIENTS users sign in
# and join ROOM, client 0 says MESSAGES messages INTERVAL_MS apart, everyone else must get each
chat() {
    "$tools/ws-fanout.sh" --url "$url" --clients "$2" --messages "$3" --interval-ms "$4" \
        --tokens-file "$work/tokens" \
        --hello '{"type":"auth","token":"{token}"}' --hello "{\"type\":\"join\",\"room\":\"$1\"}" \
        --msg "{\"type\":\"say\",\"room\":\"$1\",\"text\":\"{text}\"}" --settle-ms "$5" --timeout-s "$6"
}

# JIT warm-up: 200 of the users chat in another room (2,000 messages relayed to 199 each)
# before the measured run, so that the hot paths of the message (the service's "say", the
# gateway's relay) run compiled, as they do on a server that has been up for a while. The
# service started with a raised rate limit so that one sender can go at 200 messages a
# second here; the measured run sends 20 a second, the default limit.
chat warm-up 200 2000 5 2000 120 | sed 's/^/warm-up: /' >&2

status=0
result=$(chat bench "$clients" "$messages" 50 20000 180) || status=$?
echo "bench=ws-fanout mode=$mode $result messaging_rss_mib=$(($(rss_kib "$messaging_service_pid") / 1024))"
exit "$status"

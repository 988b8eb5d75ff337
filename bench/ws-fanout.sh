#!/usr/bin/env bash
# WebSocket chat fan-out: N users in one room, one sender, through the gateway (or direct) and on the node ws hub peer; delivery p50/p99 and losses
#
# Usage: bench/ws-fanout.sh [gateway|direct|replicas] [CLIENTS=1000] [MESSAGES=20]
#   gateway  the clients connect to the gateway (ws://127.0.0.1:18680/ws/chat), which
#            MESSAGING_SERVICE_URL points at the service, as users do
#   direct   the clients connect to messaging-service itself (ws://127.0.0.1:18683/ws/chat)
#   replicas one replica against two, side by side in one session, both through the gateway:
#            first the gateway run above (one messaging-service, no Redis), then two replicas
#            (18683 and 18693, TCP chat 18602 and 18612) sharing a redis-server of the bench's
#            own (127.0.0.1:18679, nothing on disk) and one PostgreSQL database, with
#            MESSAGING_SERVICE_URL listing both: the gateway spreads the clients over them, so
#            every message crosses Redis to reach half of them. Each replica's peak of
#            signed-in chat connections (switchboard.chat.connections, sampled every second)
#            shows the split. The ws-hub reference is not run in this mode. Both runs use the
#            local PostgreSQL (127.0.0.1:5432, user postgres, as bench/startup.sh; BENCH_PG_URL,
#            BENCH_PG_USER), in a database of the benchmark's own, bench_ws_replicas, made
#            afresh for each run (an H2 file shared by two JVMs serves the second one too
#            slowly to compare anything).
# Starts messaging-service (compose's JVM flags, a fresh H2 database, the TCP chat on 18602)
# and, in gateway mode, the gateway, on ports of its own; registers CLIENTS users through the
# REST API; runs tools/ws-fanout.sh: every client authenticates with its own token and joins
# the room "bench", client 0 says MESSAGES messages 50 ms apart, every other client must get
# each one exactly once, after a warm-up run in another room (below). The clients wait 20 s
# after connecting before the first message: a thousand arrivals are half a million presence
# announcements (each newcomer is announced to everyone already there, and the gateway
# relays each one), and what is measured is the steady fan-out of messages, not that burst.
# Then, with the services stopped, the same two runs (same clients, frames and pacing) on the
# reference: the ws-hub peer (bench/ws/hub.js, port 13090), node's ws library re-encoding each
# "say" frame and sending it to every client, with nothing else to do (it ignores auth and
# join). Stops everything.
# Prints two lines: bench=ws-fanout mode=gateway|direct clients=… delivered=… lost=… p50_ms=…
# p99_ms=… messaging_rss_mib=… (and gateway_rss_mib=… in gateway mode: both once the run is
# over: what the heaps grew to, as the JVMs keep it), then bench=ws-fanout mode=ws-hub …
# hub_rss_mib=…; in replicas mode mode=gateway-1-replica … then mode=gateway-2-replicas … replica_connections=A/B
# messaging_rss_mib=A+B.
set -euo pipefail
source "$(cd "$(dirname "$0")" && pwd)/lib.sh"

mode=${1:-gateway}
clients=${2:-1000}
messages=${3:-20}
messaging_port=18683
messaging2_port=18693
gateway_port=18680
redis_port=18679
hub_port=13090
# the warm-up's clients and messages; how long the clients wait after connecting
warm_clients=$(smoke 20 200) warm_messages=$(smoke 50 2000) settle_ms=$(smoke 1000 20000)
[[ $mode == gateway || $mode == direct || $mode == replicas ]] ||
    { echo "usage: bench/ws-fanout.sh [gateway|direct|replicas] [CLIENTS] [MESSAGES]" >&2; exit 2; }
((clients >= 2 && clients <= 20000)) || { echo "CLIENTS must be 2..20000" >&2; exit 2; }
((messages >= 1 && messages <= 1000)) || { echo "MESSAGES must be 1..1000" >&2; exit 2; }
[[ -d $bench_dir/ws/node_modules/ws ]] || { echo "bench/ws/node_modules missing: run bench/setup.sh" >&2; exit 1; }

require_free_port 18602 || exit 1
if [[ $mode == replicas ]]; then
    command -v redis-server >/dev/null || { echo "redis-server missing: run bench/setup.sh" >&2; exit 1; }
    require_free_port 18612 "$redis_port" || exit 1
fi
work=$(mktemp -d "$bench_run/ws-fanout.XXXXXX")
hub_started=
redis_pid=
samplers=()
cleanup() {
    stop_services
    if ((${#samplers[@]})); then kill "${samplers[@]}" 2>/dev/null || true; fi
    if [[ -n $redis_pid ]]; then
        kill "$redis_pid" 2>/dev/null || true
        wait "$redis_pid" 2>/dev/null || true
    fi
    [[ -n $hub_started ]] && "$peer" stop ws-hub
    rm -rf "$work"
}
trap cleanup EXIT
raise_nofile 65536
# the gateway holds two descriptors per relayed client (the client's socket and the service's):
# a hard limit below that makes some handshakes fail with "Too many open files" (502), which is
# this machine's limit, not the product's (compose gives every service 65,536)
if [[ $mode != direct ]] && (($(ulimit -n) < 2 * clients + 1000)); then
    echo "warning: open files limited to $(ulimit -n) (hard limit), below the gateway's 2 x $clients + 1000:" \
        "expect some 502 (Too many open files) in the gateway" >&2
fi

# start_messaging HTTP_PORT CHAT_PORT JDBC_URL [ARG...]: one messaging-service, its chat rate
# limit raised for the warm-up (below)
start_messaging() {
    local port=$1 chat_port=$2 jdbc=$3
    shift 3
    start_service messaging-service "$port" --switchboard.socket.servers.chat.port="$chat_port" \
        --switchboard.messaging.chat.rate-limit=500 --switchboard.messaging.chat.rate-burst=1000 \
        --spring.datasource.url="$jdbc" "$@"
}
h2=";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
pg_url=${BENCH_PG_URL:-jdbc:postgresql://127.0.0.1:5432}
pg_user=${BENCH_PG_USER:-postgres}

# fresh_database: bench_ws_replicas, empty; prints its JDBC URL
fresh_database() {
    psql -h 127.0.0.1 -U "$pg_user" -qc "drop database if exists bench_ws_replicas" >/dev/null
    psql -h 127.0.0.1 -U "$pg_user" -qc "create database bench_ws_replicas" >/dev/null
    echo "$pg_url/bench_ws_replicas"
}

# register PORT: one registered user per client, through the REST API of the messaging-service
# on PORT, their tokens one a line in $tokens for {token}
tokens=$work/tokens
register() {
    "$tools/ws-fanout.sh" --register "http://127.0.0.1:$1/api/users" --register-only \
        --clients "$clients" --save-tokens "$tokens" --timeout-s 600 >&2
}

# chat URL ROOM CLIENTS MESSAGES INTERVAL_MS SETTLE_MS TIMEOUT_S: the first CLIENTS users sign
# in and join ROOM, client 0 says MESSAGES messages INTERVAL_MS apart, everyone else must get each
chat() {
    "$tools/ws-fanout.sh" --url "$1" --clients "$3" --messages "$4" --interval-ms "$5" \
        --tokens-file "$tokens" \
        --hello '{"type":"auth","token":"{token}"}' --hello "{\"type\":\"join\",\"room\":\"$2\"}" \
        --msg "{\"type\":\"say\",\"room\":\"$2\",\"text\":\"{text}\"}" --settle-ms "$6" --timeout-s "$7"
}

# warm_and_measure URL: JIT warm-up, 200 of the users chat in another room (2,000 messages
# relayed to 199 each) before the measured run, so that the hot paths of the message (the
# service's "say", the gateway's relay) run compiled, as they do on a server that has been up
# for a while. The service started with a raised rate limit so that one sender can go at 200
# messages a second here; the measured run sends 20 a second, the default limit. Prints the
# measured run's line; fails as it does.
warm_and_measure() {
    chat "$1" warm-up "$((clients < warm_clients ? clients : warm_clients))" "$warm_messages" 5 2000 120 |
        sed 's/^/warm-up: /' >&2 || true
    chat "$1" bench "$clients" "$messages" 50 "$settle_ms" 180
}

# peak_connections PORT FILE: every second (at most 900 times) the signed-in chat connections of
# the messaging-service on PORT; the highest seen so far is kept in FILE
peak_connections() {
    local port=$1 file=$2 peak=0 now i
    echo 0 >"$file"
    for ((i = 0; i < 900; i++)); do
        now=$(curl -sf --max-time 2 "http://127.0.0.1:$port/actuator/prometheus" |
            awk '/^switchboard_chat_connections[ {]/ { print int($NF); exit }') || now=
        if [[ -n $now ]] && ((now > peak)); then
            peak=$now
            echo "$peak" >"$file"
        fi
        sleep 1
    done
}

status=0
if [[ $mode == replicas ]]; then
    # one replica, as the suite runs without Redis
    pg="--spring.datasource.username=$pg_user --spring.datasource.password="
    # word splitting of $pg on purpose: two plain arguments
    # shellcheck disable=SC2086
    start_messaging "$messaging_port" 18602 "$(fresh_database)" $pg
    MESSAGING_SERVICE_URL=http://127.0.0.1:$messaging_port start_service gateway "$gateway_port"
    register "$messaging_port"
    result=$(warm_and_measure "ws://127.0.0.1:$gateway_port/ws/chat") || status=$?
    echo "bench=ws-fanout mode=gateway-1-replica $result messaging_rss_mib=$(($(rss_kib "$messaging_service_pid") / 1024))"
    stop_services

    # two replicas sharing Redis and one database, behind the same gateway
    # (without run.sh's lock descriptor: a server left behind must not hold the lock)
    redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" \
        >"$bench_run/redis-$redis_port.log" 2>&1 9>&- &
    redis_pid=$!
    wait_listen "$redis_port"
    redis=--spring.data.redis.url=redis://127.0.0.1:$redis_port
    jdbc=$(fresh_database)
    # shellcheck disable=SC2086
    start_messaging "$messaging_port" 18602 "$jdbc" $pg "$redis"
    replica_a=$messaging_service_pid
    # shellcheck disable=SC2086
    start_messaging "$messaging2_port" 18612 "$jdbc" $pg "$redis"
    replica_b=$messaging_service_pid
    MESSAGING_SERVICE_URL=http://127.0.0.1:$messaging_port,http://127.0.0.1:$messaging2_port \
        start_service gateway "$gateway_port"
    tokens=$work/tokens-two
    register "$messaging_port"
    peak_connections "$messaging_port" "$work/peak-a" 9>&- &
    samplers+=($!)
    peak_connections "$messaging2_port" "$work/peak-b" 9>&- &
    samplers+=($!)
    two_status=0
    result=$(warm_and_measure "ws://127.0.0.1:$gateway_port/ws/chat") || two_status=$?
    kill "${samplers[@]}" 2>/dev/null || true
    echo "bench=ws-fanout mode=gateway-2-replicas $result replica_connections=$(cat "$work/peak-a")/$(cat "$work/peak-b")" \
        "messaging_rss_mib=$(($(rss_kib "$replica_a") / 1024))+$(($(rss_kib "$replica_b") / 1024))"
    exit $((status != 0 ? status : two_status))
fi

start_messaging "$messaging_port" 18602 "jdbc:h2:file:$work/messaging$h2"
url=ws://127.0.0.1:$messaging_port/ws/chat
if [[ $mode == gateway ]]; then
    MESSAGING_SERVICE_URL=http://127.0.0.1:$messaging_port start_service gateway "$gateway_port"
    url=ws://127.0.0.1:$gateway_port/ws/chat
fi
register "$messaging_port"

result=$(warm_and_measure "$url") || status=$?
gateway_rss=
[[ $mode == gateway ]] && gateway_rss=" gateway_rss_mib=$(($(rss_kib "$gateway_pid") / 1024))"
echo "bench=ws-fanout mode=$mode $result messaging_rss_mib=$(($(rss_kib "$messaging_service_pid") / 1024))$gateway_rss"
stop_services

# the reference, on the machine the services just left
if ! "$peer" pid ws-hub >/dev/null 2>&1; then
    "$peer" start ws-hub "$hub_port" 2>/dev/null
    hub_started=1
fi
hub_status=0
result=$(warm_and_measure "ws://127.0.0.1:$hub_port/ws/chat") || hub_status=$?
echo "bench=ws-fanout mode=ws-hub $result hub_rss_mib=$(($(rss_kib "$("$peer" pid ws-hub)") / 1024))"
exit $((status != 0 ? status : hub_status))

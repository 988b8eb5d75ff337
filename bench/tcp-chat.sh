#!/usr/bin/env bash
# TCP line chat fan-out: N guests in one room on messaging-service's TCP chat, one sender; delivery p50/p99, losses, the service's RSS and threads
#
# Usage: bench/tcp-chat.sh [CLIENTS=10000] [MESSAGES=5]
# Starts messaging-service alone (compose's JVM flags, a fresh H2 database, HTTP on 18783, the
# TCP chat on 18602) with the chat's connection cap, switchboard.socket.servers.chat.max-connections
# (2000 in application.yml), raised to CLIENTS + 2000 (room for the warm-up's clients, still
# closing): the benchmark measures the server holding and serving CLIENTS lines, not the cap
# refusing them. Everything else is application.yml's: the rate limit (20 lines/s, burst 40),
# the 30 s sign-in timeout, the 256 KiB of unsent lines a client may let pile up.
# Then tools/TcpChatFanout.java (NIO, one JVM): first a JIT warm-up, not recorded, where 100
# guests in the room "warm-up" get 200 lines 50 ms apart; then the measured run: CLIENTS
# connections (at most 200 connecting or signing in at once) each sign in as a guest (/nick
# tcb<i>) and join #bench, waiting for both answers; 20 s later, client 0 says MESSAGES lines
# 50 ms apart (the default rate limit's pace) and every other client must receive each exactly
# once; latency is receipt minus send time, one process so one clock. The clients wait 20 s
# because every sign-in is announced to everyone online ("* tcb7 is online") and each welcome
# names everyone online: N arrivals are N²/2 presence lines (50 million at 10,000) that the
# service is still writing when the last join is answered, and what is measured is the steady
# fan-out of messages, not that burst.
# While the measured run's clients are connected, the service's RSS and JVM threads are sampled
# every 0.25 s; their peaks are printed. Its refusal counters (switchboard_socket_refusals_total,
# e.g. write-budget, connection-limit, rate-limit) go to stderr (bench/run.sh's log). Stops
# everything.
# Prints one line: bench=tcp-chat clients=.. connected=.. signed_in=.. messages=.. expected=..
# delivered=.. lost=.. dup=.. p50_ms=.. p99_ms=.. max_ms=.. connect_s=.. connect_err=..
# closed_early=.. end=done|timeout messaging_rss_mib=.. messaging_threads=..
set -euo pipefail
source "$(cd "$(dirname "$0")" && pwd)/lib.sh"

clients=${1:-10000}
messages=${2:-5}
messaging_port=18783
chat_port=18602
# the warm-up's clients and lines; how long the clients wait after joining; each phase's limit
warm_clients=$(smoke 10 100) warm_messages=$(smoke 20 200) settle_ms=$(smoke 1000 20000) timeout_s=$(smoke 60 300)
((clients >= 2 && clients <= 20000)) || { echo "CLIENTS must be 2..20000" >&2; exit 2; }
((messages >= 1 && messages <= 1000)) || { echo "MESSAGES must be 1..1000" >&2; exit 2; }

require_free_port "$chat_port" || exit 1
work=$(mktemp -d "$bench_run/tcp-chat.XXXXXX")
sampler=
# shellcheck disable=SC2317 # run by the EXIT trap
cleanup() {
    if [[ -n $sampler ]]; then kill "$sampler" 2>/dev/null || true; fi
    stop_services
    rm -rf "$work"
}
trap cleanup EXIT
raise_nofile 65536

h2=";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
start_service messaging-service "$messaging_port" --switchboard.socket.servers.chat.port="$chat_port" \
    --switchboard.socket.servers.chat.max-connections="$((clients + 2000))" \
    --spring.datasource.url="jdbc:h2:file:$work/messaging$h2"
wait_listen "$chat_port"

# fanout ROOM CLIENTS MESSAGES PREFIX SETTLE_MS: tools/TcpChatFanout.java against the chat
fanout() {
    "$JAVA" -XX:+UseSerialGC -Xmx256m "$tools/TcpChatFanout.java" --port "$chat_port" --room "$1" \
        --clients "$2" --messages "$3" --prefix "$4" --settle-ms "$5" --interval-ms 50 --parallel 200 \
        --timeout-s "$timeout_s"
}

# peaks PID FILE: every 0.25 s (at most 4,800 times) the RSS (KiB) and the thread count of the
# process PID; the highest of each seen so far kept in FILE as "RSS_KIB THREADS"
peaks() {
    local pid=$1 file=$2 rss threads peak_rss=0 peak_threads=0 key value _ i
    echo "0 0" >"$file"
    for ((i = 0; i < 4800; i++)); do
        rss=$(rss_kib "$pid")
        threads=0
        while read -r key value _; do
            if [[ $key == Threads: ]]; then
                threads=$value
                break
            fi
        done <"/proc/$pid/status" 2>/dev/null || true
        if ((rss > peak_rss || threads > peak_threads)); then
            peak_rss=$((rss > peak_rss ? rss : peak_rss))
            peak_threads=$((threads > peak_threads ? threads : peak_threads))
            echo "$peak_rss $peak_threads" >"$file"
        fi
        sleep 0.25
    done
}

fanout warm-up "$((clients < warm_clients ? clients : warm_clients))" "$warm_messages" tcw 1000 |
    sed 's/^/warm-up: /' >&2 || true

status=0
# (without run.sh's lock descriptor: a sampler left behind must not hold the lock)
# shellcheck disable=SC2154 # messaging_service_pid: set by start_service
peaks "$messaging_service_pid" "$work/peaks" 9>&- &
sampler=$!
result=$(fanout bench "$clients" "$messages" tcb "$settle_ms") || status=$?
kill "$sampler" 2>/dev/null || true
wait "$sampler" 2>/dev/null || true
sampler=
peak_rss=0 peak_threads=0
read -r peak_rss peak_threads <"$work/peaks" || true

# the service's refusals, by reason (none counted: nothing printed)
curl -sf --max-time 5 "http://127.0.0.1:$messaging_port/actuator/prometheus" |
    awk '/^switchboard_socket_refusals/ && $NF + 0 > 0 { print "messaging refusals: " $0 }' >&2 || true

echo "bench=tcp-chat ${result:-end=failed} messaging_rss_mib=$((peak_rss / 1024)) messaging_threads=$peak_threads"
exit "$status"

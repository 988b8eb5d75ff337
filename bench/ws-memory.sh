#!/usr/bin/env bash
# What one idle chat WebSocket costs in messaging-service and in the gateway: heap, native memory by NMT category, direct buffers, threads, RSS, at 0 and N clients
#
# Usage: bench/ws-memory.sh [CLIENTS...]   (default: 1000 5000)
# Starts messaging-service (a fresh H2 database) and the gateway in front of it with compose's
# JVM flags plus Native Memory Tracking and a 2 GiB heap ceiling (compose's 256 MiB would end
# the measurement at the first OutOfMemoryError: the point here is the cost per connection,
# whatever the limits), max-sessions and Tomcat's max-connections raised to let every client
# in, and the time allowed to
# sign in raised (thousands of handshakes queue up on 2 cores). Registers the users,
# warms up (200 clients connect, chat once and leave, so that classes and compiled code are not
# counted per client), takes the baseline, then for each N: N clients connect through the
# gateway, sign in, join one room and stay idle (tools/ws-fanout.sh with a long settle, then one
# message that checks they were all alive) while each JVM is measured:
#   heap:      live bytes in a class histogram (jcmd GC.class_histogram: after a full GC)
#   committed: NMT's total committed (heap included), and off-heap (total minus Java Heap), by
#              NMT category (direct buffers are in "Other", thread stacks in "Thread")
#   threads, RSS: /proc
# Last, a JFR recording (profile settings) while the first N connect again: its allocation
# views by class and by site go to the log (bench/results/*.log).
# Prints, per JVM: at 0 clients the absolute figures; per N: bench=ws-memory process=…
# clients=N per_client_heap_kib=… per_client_committed_kib=… per_client_offheap_kib=…
# per_client_rss_kib=… threads=… and the NMT categories that grew the most per client.
set -euo pipefail
source "$(cd "$(dirname "$0")" && pwd)/lib.sh"

counts=("${@:-1000 5000}")
read -r -a counts <<<"${counts[*]}"
((${#counts[@]})) || counts=(1000 5000)
if [[ -n ${BENCH_SMOKE:-} ]]; then counts=(20 50); fi
max=0
for n in "${counts[@]}"; do
    [[ $n =~ ^[0-9]+$ ]] && ((n >= 1 && n <= 20000)) || { echo "CLIENTS must be 1..20000, not $n" >&2; exit 2; }
    ((n > max)) && max=$n
done
messaging_port=18683
gateway_port=18680
[[ -d $bench_dir/ws/node_modules/ws ]] || { echo "bench/ws/node_modules missing: run bench/setup.sh" >&2; exit 1; }
command -v jcmd >/dev/null || [[ -x $JAVA_HOME/bin/jcmd ]] || { echo "jcmd missing (a JDK, not a JRE)" >&2; exit 1; }
jcmd=$JAVA_HOME/bin/jcmd
jfr=$JAVA_HOME/bin/jfr

require_free_port 18602 || exit 1
work=$(mktemp -d "$bench_run/ws-memory.XXXXXX")
load_pid=
cleanup() {
    [[ -n $load_pid ]] && kill "$load_pid" 2>/dev/null
    stop_services
    rm -rf "$work"
}
trap cleanup EXIT
raise_nofile 65536

nmt="-XX:NativeMemoryTracking=summary -Xmx2g"
BENCH_JAVA_OPTIONS_messaging_service=$nmt start_service messaging-service "$messaging_port" \
    --switchboard.socket.servers.chat.port=18602 \
    --switchboard.messaging.websocket.max-sessions=$((max + 100)) \
    --server.tomcat.max-connections=$((max + 500)) \
    --switchboard.messaging.websocket.auth-timeout=120s \
    --spring.datasource.url="jdbc:h2:file:$work/messaging;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
BENCH_JAVA_OPTIONS_gateway=$nmt MESSAGING_SERVICE_URL=http://127.0.0.1:$messaging_port \
    start_service gateway "$gateway_port"
declare -A pids=([messaging-service]=$messaging_service_pid [gateway]=$gateway_pid)

"$tools/ws-fanout.sh" --register "http://127.0.0.1:$messaging_port/api/users" --register-only \
    --clients "$max" --save-tokens "$work/tokens" --timeout-s 900 >&2

# heap_bytes PID FILE: live heap bytes (the histogram's total, after the full GC it triggers);
# the histogram itself kept in FILE
heap_bytes() {
    "$jcmd" "$1" GC.class_histogram >"$2"
    awk '/^Total/ { print $3 }' "$2"
}

# nmt PID: "category committed_kib" lines, and "total committed_kib"
nmt() {
    "$jcmd" "$1" VM.native_memory summary scale=KB | awk '
        /^Total:/ { for (i = 1; i <= NF; i++) if ($i ~ /^committed=/) { sub(/committed=/, "", $i); sub(/KB.*/, "", $i); print "total", $i } }
        /^-/ { line = $0; sub(/^- */, "", line); name = line; sub(/ *\(.*/, "", name); gsub(/ /, "_", name)
               if (match(line, /committed=[0-9]+KB/)) print name, substr(line, RSTART + 10, RLENGTH - 12) }'
}

threads() {
    awk '/^Threads:/ { print $2 }' "/proc/$1/status"
}

# measure NAME PID LABEL: one snapshot, "key=value" words; the class histogram in
# $work/NAME-LABEL.histo
measure() {
    local pid=$2
    echo "heap=$(heap_bytes "$pid" "$work/$1-$3.histo") rss_kib=$(rss_kib "$pid") threads=$(threads "$pid")"
    nmt "$pid" | sed 's/^\([^ ]*\) \(.*\)$/nmt_\1=\2/'
}

# established NUMBER PORT: wait until at least NUMBER connections to PORT are established
established() {
    local want=$1 port=$2 deadline=$((SECONDS + 300)) have
    while :; do
        have=$(ss -Htn state established "( sport = :$port )" | wc -l)
        ((have >= want)) && return 0
        ((SECONDS < deadline)) || { echo "only $have of $want connections to $port after 300 s" >&2; return 1; }
        sleep 1
    done
}

# histogram_growth NAME N: the classes whose live bytes grew the most between 0 and N clients,
# per client
histogram_growth() {
    echo "## $1, live heap growth per client at $2 clients, by class (bytes, instances)"
    python3 - "$work/$1-0.histo" "$work/$1-$2.histo" "$2" <<'PYTHON'
import re, sys
def read(path):
    classes = {}
    for line in open(path):
        m = re.match(r"\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)", line)
        if m:
            classes[m.group(3)] = (int(m.group(1)), int(m.group(2)))
    return classes
before, after, n = read(sys.argv[1]), read(sys.argv[2]), int(sys.argv[3])
growth = sorted(((b - before.get(k, (0, 0))[1], i - before.get(k, (0, 0))[0], k) for k, (i, b) in after.items()), reverse=True)
for grown, instances, name in growth[:15]:
    print(f"{grown / n:10.0f} B {instances / n:7.1f}  {name}")
PYTHON
}

# per_client NAME BEFORE AFTER N: the result line of one JVM
per_client() {
    local name=$1 before=$2 after=$3 n=$4
    python3 - "$name" "$n" <<PYTHON
import sys
name, n = sys.argv[1], int(sys.argv[2])
def parse(text):
    values = {}
    for word in text.split():
        if "=" in word:
            key, value = word.split("=", 1)
            values[key] = int(value)
    return values
before, after = parse("""$before"""), parse("""$after""")
grew = sorted(((after[k] - before.get(k, 0), k[4:]) for k in after if k.startswith("nmt_") and k not in ("nmt_total", "nmt_Native_Memory_Tracking")), reverse=True)
top = " ".join(f"{k}={d / n:.1f}" for d, k in grew[:4] if d > 0)
print(f"bench=ws-memory process={name} clients={n}"
      f" per_client_heap_kib={(after['heap'] - before['heap']) / 1024 / n:.1f}"
      f" per_client_committed_kib={(after['nmt_total'] - before['nmt_total']) / n:.1f}"
      f" per_client_offheap_kib={((after['nmt_total'] - after['nmt_Java_Heap']) - (before['nmt_total'] - before['nmt_Java_Heap'])) / n:.1f}"
      f" per_client_rss_kib={(after['rss_kib'] - before['rss_kib']) / n:.1f}"
      f" threads={after['threads']} threads_before={before['threads']}"
      f" committed_kib_per_client_by_nmt_category: {top}")
PYTHON
}

# hold N [JFR]: N clients sign in, join, and sit idle (tools/ws-fanout.sh with a long settle),
# in the background; returns once their N connections reach messaging-service
hold() {
    "$tools/ws-fanout.sh" --url "ws://127.0.0.1:$gateway_port/ws/chat" --clients "$1" --messages 1 \
        --tokens-file "$work/tokens" --connect-parallel 50 \
        --hello '{"type":"auth","token":"{token}"}' --hello '{"type":"join","room":"memory"}' \
        --ready '"type":"history"' --ready-timeout-s 300 \
        --msg '{"type":"say","room":"memory","text":"{text}"}' --settle-ms "$(smoke 10000 60000)" \
        --timeout-s 900 >"$work/load-$1.txt" 2>>"$work/load-$1.log" &
    load_pid=$!
    established "$1" "$messaging_port" && signed_in "$1"
}

# signed_in N: wait until messaging-service counts N chat connections (signed in)
signed_in() {
    local deadline=$((SECONDS + 300)) have
    while :; do
        have=$(curl -sf "http://127.0.0.1:$messaging_port/actuator/prometheus" |
            awk '/^switchboard_chat_connections / { printf "%d", $2 }')
        ((${have:-0} >= $1)) && return 0
        ((SECONDS < deadline)) || { echo "only ${have:-0} of $1 chat connections signed in after 300 s" >&2; return 1; }
        sleep 1
    done
}

# release N: after the settle, one message checks every client was alive; then wait until the
# service has let them all go
release() {
    local status=0 deadline
    wait "$load_pid" || status=$?
    load_pid=
    echo "bench=ws-memory clients=$1 load: $(cat "$work/load-$1.txt")"
    deadline=$((SECONDS + 60))
    while (($(ss -Htn state established "( sport = :$messaging_port )" | wc -l) > 0 && SECONDS < deadline)); do
        sleep 1
    done
    return $status
}

status=0
# warm-up: the classes and compiled code of a chat connection are loaded once for all, so they
# are not counted per client
warm=$((max < 200 ? max : 200))
hold "$warm" >&2 && release "$warm" >&2 || status=1

declare -A base
for name in "${!pids[@]}"; do
    snapshot=$(measure "$name" "${pids[$name]}" 0)
    base[$name]=$snapshot
    heap=$(sed -n 's/.*heap=\([0-9]*\).*/\1/p' <<<"$snapshot")
    echo "bench=ws-memory process=$name clients=0 heap_mib=$((heap / 1048576))" \
        "rss_mib=$(($(sed -n 's/.*rss_kib=\([0-9]*\).*/\1/p' <<<"$snapshot") / 1024))" \
        "threads=$(sed -n 's/.*threads=\([0-9]*\).*/\1/p' <<<"$snapshot")" \
        "native_committed_mib=$(($(sed -n 's/^nmt_total=//p' <<<"$snapshot") / 1024))"
done

for n in "${counts[@]}"; do
    hold "$n" || status=1
    sleep 5
    for name in "${!pids[@]}"; do
        per_client "$name" "${base[$name]}" "$(measure "$name" "${pids[$name]}" "$n")" "$n"
        histogram_growth "$name" "$n" >&2
    done
    release "$n" || status=1
done

# where the allocations of connecting come from: a JFR recording (profile settings) while the
# first N connect, after the measurements (JFR's own buffers would count as native memory)
for name in "${!pids[@]}"; do
    "$jcmd" "${pids[$name]}" JFR.start name=ws-memory settings=profile filename="$work/$name.jfr" >/dev/null
done
hold "${counts[0]}" >&2 || status=1
for name in "${!pids[@]}"; do
    "$jcmd" "${pids[$name]}" JFR.stop name=ws-memory >/dev/null
    {
        echo "## $name, JFR while ${counts[0]} clients connected: allocation by class"
        "$jfr" view --width 200 allocation-by-class "$work/$name.jfr" | head -30
        echo "## $name, JFR: allocation by site"
        "$jfr" view --width 200 allocation-by-site "$work/$name.jfr" | head -30
    } >&2
done
release "${counts[0]}" >&2 || status=1
exit $status

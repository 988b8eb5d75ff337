#!/usr/bin/env bash
# Raw-socket benchmarks of the socket starter, served by random-service (and contacts-service):
#   echo      course echo, one request per connection (tcp-load -c 64 -d "$load_s" --warmup "$load_warm_s"), the suite
#             alternating with the Netty peer and the course's Python ThreadingTCPServer peer
#   idle      10,000 idle connections held on the suite's echo server, probed, with RSS growth
#             (the Netty peer alongside for reference)
#   rfc862    RFC 862 echo throughput in MiB/s (tools/Rfc862Throughput.java, 1 and 4 connections)
#   contacts  TCP contacts list and add (tcp-load --mode contacts) against the Python course peer
# Usage: bench/tcp-echo.sh [RUNS=3] [CASES="echo idle rfc862 contacts"]
# Services run on ports of their own (HTTP 18182/18181, echo 13300, rfc862 13307, contacts 13301)
# and are stopped at the end. Raw lines go to $BENCH_RUN/tcp-echo-<time>.txt; one result line per run.
set -uo pipefail
source "$(cd "$(dirname "$0")" && pwd)/lib.sh"
root=$project_dir
runs=${1:-3}
cases=${2:-echo idle rfc862 contacts}
results=$BENCH_RUN/tcp-echo-$(date +%Y%m%dT%H%M%S).txt
raise_nofile 65536

ECHO_PORT=13300 RFC862_PORT=13307 CONTACTS_PORT=13301
# one load run: its duration and warm-up (s); idle connections and how long they are held (s);
# MiB streamed per RFC 862 run on one connection, and per connection on four
load_s=$(smoke 2 10) load_warm_s=$(smoke 1 3) idle_count=$(smoke 300 10000) hold_s=$(smoke 1 5)
rfc862_1_mib=$(smoke 16 2048) rfc862_4_mib=$(smoke 8 512)
suite_pids=()

record() {
    local case=$1 system=$2 run=$3 idle line
    shift 3
    idle=$(wait_quiet)
    line=$("$@" 2>/dev/null | tail -1)
    echo "case=$case system=$system run=$run idle_before=$idle ${line:-failed=1}" | tee -a "$results"
}

jar() {
    local module=$1 file=$root/$1/target/$1.jar
    if [[ ! -f $file ]]; then
        (cd "$root" && ./mvnw -B -q -pl "$module" -am -DskipTests package) >&2 || return 1
    fi
    echo "$file"
}

# start_service MODULE HTTP_PORT SOCKET_PORT ARGS...: run a service jar in the background, wait for health.
start_service() {
    local module=$1 http=$2 socket=$3 file log i
    shift 3
    file=$(jar "$module") || { echo "cannot build $module" >&2; exit 1; }
    require_free_port "$http" "$socket" || exit 1
    log=$BENCH_RUN/$module-bench.log
    (cd "$BENCH_RUN" && exec nohup "$JAVA" -jar "$file" --server.port="$http" "$@" >"$log" 2>&1 </dev/null) &
    suite_pids+=($!)
    for ((i = 0; i < 120; i++)); do
        curl -sf "http://127.0.0.1:$http/actuator/health/readiness" >/dev/null && wait_listen "$socket" 1 && return 0
        sleep 1
    done
    echo "$module did not become ready, see $log" >&2; exit 1
}
stop_services() {
    local pid
    for pid in "${suite_pids[@]}"; do kill "$pid" 2>/dev/null; done
    for pid in "${suite_pids[@]}"; do wait "$pid" 2>/dev/null; done
    suite_pids=()
}
trap 'stop_services; "$peer" stop netty-echo; "$peer" stop py-echo; "$peer" stop py-contacts' EXIT

start_random() {
    require_free_port "$RFC862_PORT" || exit 1
    start_service random-service 18182 "$ECHO_PORT" --spring.main.banner-mode=off \
        --switchboard.socket.servers.echo.port="$ECHO_PORT" --switchboard.socket.servers.rfc862.port="$RFC862_PORT"
    random_pid=${suite_pids[-1]}
}

for c in $cases; do
    case $c in
    echo)
        start_random
        "$peer" stop netty-echo; "$peer" start netty-echo 2>/dev/null
        "$peer" stop py-echo; "$peer" start py-echo 2>/dev/null
        # warm the JIT of the suite once (not recorded)
        "$tools/tcp-load.sh" --port "$ECHO_PORT" -c 64 -d "$load_s" --warmup "$load_warm_s" >/dev/null 2>&1
        for ((r = 1; r <= runs; r++)); do
            record tcp-echo netty-echo "$r" "$tools/tcp-load.sh" --port 13100 -c 64 -d "$load_s" --warmup "$load_warm_s"
            record tcp-echo switchboard "$r" "$tools/tcp-load.sh" --port "$ECHO_PORT" -c 64 -d "$load_s" --warmup "$load_warm_s"
            record tcp-echo py-echo "$r" "$tools/tcp-load.sh" --port 13000 -c 64 -d "$load_s" --warmup "$load_warm_s"
        done
        stop_services; "$peer" stop netty-echo; "$peer" stop py-echo ;;
    idle)
        "$peer" stop netty-echo; "$peer" start netty-echo 2>/dev/null
        for ((r = 1; r <= runs; r++)); do
            start_random  # a fresh server each run: the RSS growth is the connections'
            record "idle-$idle_count" switchboard "$r" "$tools/idle-conns.sh" --port "$ECHO_PORT" --count "$idle_count" --hold "$hold_s" \
                --timeout-s 10 --probe ping --pid "$random_pid"
            stop_services
            record "idle-$idle_count" netty-echo "$r" "$tools/idle-conns.sh" --port 13100 --count "$idle_count" --hold "$hold_s" \
                --timeout-s 10 --probe ping --pid "$("$peer" pid netty-echo)"
        done
        "$peer" stop netty-echo ;;
    rfc862)
        start_random
        "$JAVA" "$tools/Rfc862Throughput.java" --port "$RFC862_PORT" --mib "$rfc862_4_mib" >/dev/null 2>&1  # warm-up
        for ((r = 1; r <= runs; r++)); do
            record rfc862-1conn switchboard "$r" "$JAVA" "$tools/Rfc862Throughput.java" --port "$RFC862_PORT" --mib "$rfc862_1_mib"
            record rfc862-4conn switchboard "$r" "$JAVA" "$tools/Rfc862Throughput.java" --port "$RFC862_PORT" \
                --mib "$rfc862_4_mib" --connections 4
        done
        stop_services ;;
    contacts)
        rm -rf "$BENCH_RUN/data/contacts-service"*
        start_service contacts-service 18181 "$CONTACTS_PORT" --spring.main.banner-mode=off \
            --switchboard.socket.servers.contacts.port="$CONTACTS_PORT"
        "$peer" stop py-contacts; "$peer" start py-contacts 2>/dev/null
        add='{"cmd": "add", "args": {"name": "n{i}", "mail": "n{i}-RUN@example.org"}}'
        for ((r = 1; r <= runs; r++)); do
            record contacts-add py-contacts "$r" "$tools/tcp-load.sh" --port 13001 --mode contacts \
                --payload "${add/RUN/$r}" -c 64 -d "$load_s" --warmup "$load_warm_s"
            record contacts-add switchboard "$r" "$tools/tcp-load.sh" --port "$CONTACTS_PORT" --mode contacts \
                --payload "${add/RUN/$r}" -c 64 -d "$load_s" --warmup "$load_warm_s"
        done
        # list answers at most 1,000 contacts (switchboard.contacts.tcp.max-results); the peer holds them all
        "$peer" stop py-contacts; "$peer" start py-contacts 2>/dev/null
        for ((r = 1; r <= runs; r++)); do
            record contacts-list py-contacts "$r" "$tools/tcp-load.sh" --port 13001 --mode contacts \
                --payload '{"cmd": "list", "args": {}}' -c 64 -d "$load_s" --warmup "$load_warm_s"
            record contacts-get switchboard "$r" "$tools/tcp-load.sh" --port "$CONTACTS_PORT" --mode contacts \
                --payload '{"cmd": "get", "args": {"id": 1}}' -c 64 -d "$load_s" --warmup "$load_warm_s"
        done
        stop_services; "$peer" stop py-contacts ;;
    *) echo "unknown case $c" >&2 ;;
    esac
done
echo "raw results: $results" >&2
python3 "$tools/summarize.py" "$results"
# what summarize.py has no column for: RFC 862 MiB/s and the RSS growth of idle connections
python3 - "$results" <<'PY'
import statistics, sys
rows = [dict(t.split("=", 1) for t in line.split() if "=" in t) for line in open(sys.argv[1], encoding="utf-8")]
groups = {}
for r in rows:
    groups.setdefault((r.get("case"), r.get("system")), []).append(r)
for (case, system), rs in groups.items():
    def med(key):
        vals = [float(r[key]) for r in rs if key in r]
        return statistics.median(vals) if vals else float("nan")
    if case.startswith("rfc862"):
        print(f"case={case} system={system} runs={len(rs)} median_mib_s={med('mib_s'):.0f} errors={med('errors'):.0f}")
    if case.startswith("idle"):
        growth = statistics.median(float(r["rss_held_mib"]) - float(r["rss_before_mib"]) for r in rs if "rss_held_mib" in r)
        print(f"case={case} system={system} runs={len(rs)} median_accepted={med('accepted'):.0f} "
              f"median_probed_ok={med('probed_ok'):.0f} median_rss_growth_mib={growth:.0f}")
PY

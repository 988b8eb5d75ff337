#!/usr/bin/env bash
# What the gateway adds. Its start-up time and memory, then, alternating direct and through the
# gateway: GET /api/random/int (wrk -t1 -c64, keep-alive) and a 1 GiB download (curl, gateway RSS).
# Usage: bench/gateway.sh [nginx|random-service] [ROUNDS=3]
#   nginx           the random API is nginx's static /api/random/int (the nginx peer, port 13180):
#                   measures the gateway's own cost
#   random-service  the random API is random-service/target/random-service.jar (port 19082):
#                   the ratio the suite promises (gateway >= 0.6x direct)
# Ports: gateway 19080, random-service 19082, file server 19084. Build first:
#   ./mvnw -B -pl gateway,random-service -am -DskipTests package
# Prints `case=… system=… run=… key=value…` lines (bench/tools/summarize.py reads them); the
# gateway's lines also give its CPU time per request.
set -euo pipefail
source "$(cd "$(dirname "$0")" && pwd)/lib.sh"
root=$project_dir
java=$JAVA

target=${1:-nginx}
rounds=${2:-3}
((rounds >= 1 && rounds <= 10)) || { echo "ROUNDS must be 1..10" >&2; exit 2; }
gw_port=19080 random_port=19082 files_port=19084
# durations (s) of a measured wrk run, its warm-up and the gateway's JIT warm-up; the download's size
wrk_s=$(smoke 2 10) wrk_warm_s=$(smoke 1 2) jit_s=$(smoke 2 30) file_mib=$(smoke 64 1024)
big=big-${file_mib}m.bin
gateway_jar=$root/gateway/target/gateway.jar
random_jar=$root/random-service/target/random-service.jar
[[ -f $gateway_jar ]] || { echo "missing $gateway_jar: build it first" >&2; exit 1; }
require_free_port "$gw_port" "$files_port" || exit 1
[[ $target != random-service ]] || require_free_port "$random_port" || exit 1

work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
raise_nofile 65536

# CPU time (user + system) a process has used, in microseconds
cpu_us() {
    local fields
    read -ra fields <"/proc/$1/stat"
    echo $(((fields[13] + fields[14]) * 1000000 / $(getconf CLK_TCK)))
}

# Wait (bounded) until an HTTP URL answers 2xx
wait_http() {
    local url=$1 limit=$2 i
    for ((i = 0; i < limit * 10; i++)); do
        curl -fsS -o /dev/null --max-time 1 "$url" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "$url did not answer within ${limit}s" >&2
    return 1
}

# The random API behind the gateway
case $target in
nginx)
    if ! "$peer" pid nginx >/dev/null 2>&1; then
        "$peer" start nginx >/dev/null
        trap 'cleanup; "$peer" stop nginx >/dev/null 2>&1 || true' EXIT
    fi
    direct=http://127.0.0.1:13180/api/random/int
    random_url=http://127.0.0.1:13180
    ;;
random-service)
    [[ -f $random_jar ]] || { echo "missing $random_jar: build it first" >&2; exit 1; }
    "$java" -jar "$random_jar" --server.port=$random_port --switchboard.socket.servers.echo.port=0 \
        --switchboard.socket.servers.rfc862.port=0 >"$work/random.log" 2>&1 &
    pids+=($!)
    wait_http "http://127.0.0.1:$random_port/actuator/health" 120
    direct=http://127.0.0.1:$random_port/api/random/int
    random_url=http://127.0.0.1:$random_port
    ;;
*) sed -n '2,12p' "$0" >&2; exit 2 ;;
esac
via_gateway=http://127.0.0.1:$gw_port/api/random/int

# A 1 GiB file, served at /s/<name> as fileshare-service would
"$tools/mkfile.sh" "$file_mib" >/dev/null
mkdir -p "$work/files/s"
ln -s "$BENCH_FILES/$big" "$work/files/s/$big"
python3 -m http.server $files_port --bind 127.0.0.1 --directory "$work/files" >/dev/null 2>&1 &
pids+=($!)
wait_listen $files_port 20

# The gateway: start-up time (launch to readiness) and memory
start=$(date +%s%N)
RANDOM_SERVICE_URL=$random_url FILESHARE_SERVICE_URL=http://127.0.0.1:$files_port \
    "$java" -jar "$gateway_jar" --server.port=$gw_port --management.server.port=0 >"$work/gateway.log" 2>&1 &
gateway_pid=$!
pids+=($gateway_pid)
wait_http "http://127.0.0.1:$gw_port/actuator/health/readiness" 120
ready_ms=$((($(date +%s%N) - start) / 1000000))
started_s=$(sed -n 's/.*Started GatewayApplication in \([0-9.]*\) seconds.*/\1/p' "$work/gateway.log")
echo "case=gateway-startup system=gateway run=1 ready_ms=$ready_ms started_s=$started_s rss_mib=$(($(rss_kib $gateway_pid) / 1024))"

# Warm both up (JIT), then alternate
"$tools/http-wrk.sh" -d "$jit_s" -c 64 -t 1 -w 0 "$via_gateway" >/dev/null 2>&1
for ((run = 1; run <= rounds; run++)); do
    echo "case=http-int system=direct run=$run $("$tools/http-wrk.sh" -d "$wrk_s" -c 64 -t 1 -w "$wrk_warm_s" "$direct" 2>/dev/null)"
    cpu_before=$(cpu_us $gateway_pid)
    # no wrk warm-up here (the gateway is warm), so that the CPU time counts exactly these requests
    line=$("$tools/http-wrk.sh" -d "$wrk_s" -c 64 -t 1 -w 0 "$via_gateway" 2>/dev/null)
    cpu_used=$(($(cpu_us $gateway_pid) - cpu_before))
    requests=$(sed -n 's/.* requests=\([0-9]*\).*/\1/p' <<<"$line")
    # the gateway's own CPU per request: steadier than rps on a shared machine
    echo "case=http-int system=gateway run=$run $line gateway_cpu_us_per_req=$((cpu_used / (requests > 0 ? requests : 1)))"
done
for ((run = 1; run <= rounds; run++)); do
    echo "case=download-1g system=direct run=$run $("$tools/download.sh" "http://127.0.0.1:$files_port/s/$big" 2>/dev/null | tail -1)"
    echo "case=download-1g system=gateway run=$run $("$tools/download.sh" "http://127.0.0.1:$gw_port/s/$big" "$gateway_pid" 2>/dev/null | tail -1)"
done
echo "case=gateway-memory system=gateway run=1 rss_after_mib=$(($(rss_kib $gateway_pid) / 1024))"

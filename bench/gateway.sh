#!/usr/bin/env bash
# What the gateway adds. Its start-up time and memory, then, alternating direct, through the
# gateway, through nginx as a reverse proxy (bench/nginx-proxy.conf, port 19085, the C reference
# for the same job) and through a minimal Netty reverse proxy (bench/peers/netty-proxy, port 19086,
# the JVM reference): GET /api/random/int (wrk -t1 -c64, keep-alive), with each server's CPU time
# per request; then a 1 GiB download (curl, gateway RSS).
# Usage: bench/gateway.sh [nginx|random-service] [ROUNDS=3]
#   nginx           the random API is nginx's static /api/random/int (the nginx peer, port 13180):
#                   measures the gateway's own cost
#   random-service  the random API is random-service/target/random-service.jar (port 19082):
#                   the ratio the suite promises (gateway >= 0.6x direct)
# The gateway runs with compose's JVM flags (x-gateway-java-options), as in random-http.sh;
# BENCH_JAVA_BASE_gateway replaces them, BENCH_JAVA_OPTIONS_gateway adds to them.
# Ports: gateway 19080, random-service 19082, file server 19084, nginx proxy 19085, Netty proxy
# 19086. Build first:
#   ./mvnw -B -pl gateway,random-service -am -DskipTests package
#   bench/setup.sh   (bench/peers/netty-proxy/target/netty-proxy.jar)
# Prints `case=… system=… run=… key=value…` lines (bench/tools/summarize.py reads them); the
# http-int lines also give the server's CPU time per request (cpu_us_per_req: nginx's static
# answer, the gateway's, nginx-proxy's and netty-proxy's per proxied request), and a last line the
# medians and the ratios gateway / nginx-proxy and gateway / netty-proxy.
set -euo pipefail
source "$(cd "$(dirname "$0")" && pwd)/lib.sh"
root=$project_dir
java=$JAVA

target=${1:-nginx}
rounds=${2:-3}
((rounds >= 1 && rounds <= 10)) || { echo "ROUNDS must be 1..10" >&2; exit 2; }
gw_port=19080 random_port=19082 files_port=19084 proxy_port=19085 netty_port=19086
# durations (s) of a measured wrk run, its warm-up and the JVMs' JIT warm-up; the download's size
wrk_s=$(smoke 2 10) wrk_warm_s=$(smoke 1 2) jit_s=$(smoke 2 30) file_mib=$(smoke 64 1024)
big=big-${file_mib}m.bin
gateway_jar=$root/gateway/target/gateway.jar
random_jar=$root/random-service/target/random-service.jar
netty_jar=$bench_dir/peers/netty-proxy/target/netty-proxy.jar
[[ -f $gateway_jar ]] || { echo "missing $gateway_jar: build it first" >&2; exit 1; }
[[ -f $netty_jar ]] || { echo "$netty_jar missing: run bench/setup.sh" >&2; exit 1; }
command -v nginx >/dev/null || { echo "nginx missing: apt-get install -y nginx" >&2; exit 1; }
require_free_port "$gw_port" "$files_port" "$proxy_port" "$netty_port" || exit 1
[[ $target != random-service ]] || require_free_port "$random_port" || exit 1

work=$(mktemp -d)
pids=()
cleanup() {
    [[ -s $work/proxy/nginx.pid ]] && kill "$(<"$work/proxy/nginx.pid")" 2>/dev/null
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
raise_nofile 65536

# http_int SYSTEM RUN URL PID: one measured run's result line
http_int() {
    echo "case=http-int system=$1 run=$2 $(wrk_cpu "$wrk_s" "$3" "$4")"
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
    direct_pid=$("$peer" pid nginx)
    ;;
random-service)
    [[ -f $random_jar ]] || { echo "missing $random_jar: build it first" >&2; exit 1; }
    "$java" -jar "$random_jar" --server.port=$random_port --switchboard.socket.servers.echo.port=0 \
        --switchboard.socket.servers.rfc862.port=0 >"$work/random.log" 2>&1 &
    pids+=($!)
    wait_http "http://127.0.0.1:$random_port/actuator/health" 120
    direct=http://127.0.0.1:$random_port/api/random/int
    random_url=http://127.0.0.1:$random_port
    direct_pid=${pids[-1]}
    ;;
*) sed -n '2,13p' "$0" >&2; exit 2 ;;
esac
via_gateway=http://127.0.0.1:$gw_port/api/random/int
via_proxy=http://127.0.0.1:$proxy_port/api/random/int
via_netty=http://127.0.0.1:$netty_port/api/random/int
upstream_port=${random_url##*:}

# nginx as a reverse proxy in front of the same API: what the gateway's job costs a C proxy
start_nginx_proxy "$work/proxy" "$proxy_port" "$upstream_port"
wait_listen $proxy_port 20
proxy_pid=$(<"$work/proxy/nginx.pid")

# A minimal reverse proxy on Netty in front of the same API: what the job costs a JVM proxy
# (netty-echo's JVM flags)
"$java" -XX:+UseSerialGC -Xmx256m -jar "$netty_jar" --port $netty_port --upstream-port "$upstream_port" \
    >"$work/netty-proxy.log" 2>&1 &
netty_pid=$!
pids+=("$netty_pid")
wait_listen $netty_port 20 || { cat "$work/netty-proxy.log" >&2; exit 1; }

# A 1 GiB file, served at /s/<name> as fileshare-service would
"$tools/mkfile.sh" "$file_mib" >/dev/null
mkdir -p "$work/files/s"
ln -s "$BENCH_FILES/$big" "$work/files/s/$big"
python3 -m http.server $files_port --bind 127.0.0.1 --directory "$work/files" >/dev/null 2>&1 &
pids+=($!)
wait_listen $files_port 20

# The gateway: start-up time (launch to readiness) and memory
start=$(date +%s%N)
JAVA_TOOL_OPTIONS="${BENCH_JAVA_BASE_gateway:-$(compose_java_options gateway)} ${BENCH_JAVA_OPTIONS_gateway:-}" \
    RANDOM_SERVICE_URL=$random_url FILESHARE_SERVICE_URL=http://127.0.0.1:$files_port \
    "$java" -jar "$gateway_jar" --server.port=$gw_port --management.server.port=0 >"$work/gateway.log" 2>&1 &
gateway_pid=$!
pids+=($gateway_pid)
wait_http "http://127.0.0.1:$gw_port/actuator/health/readiness" 120
ready_ms=$((($(date +%s%N) - start) / 1000000))
started_s=$(sed -n 's/.*Started GatewayApplication in \([0-9.]*\) seconds.*/\1/p' "$work/gateway.log")
echo "case=gateway-startup system=gateway run=1 ready_ms=$ready_ms started_s=$started_s rss_mib=$(($(rss_kib $gateway_pid) / 1024))"

# Warm them up (both JVMs for the JIT warm-up's length), then alternate
"$tools/http-wrk.sh" -d "$jit_s" -c 64 -t 1 -w 0 "$via_gateway" >/dev/null 2>&1
"$tools/http-wrk.sh" -d "$jit_s" -c 64 -t 1 -w 0 "$via_netty" >/dev/null 2>&1
"$tools/http-wrk.sh" -d "$wrk_warm_s" -c 64 -t 1 -w 0 "$via_proxy" >/dev/null 2>&1
"$tools/http-wrk.sh" -d "$wrk_warm_s" -c 64 -t 1 -w 0 "$direct" >/dev/null 2>&1
for ((run = 1; run <= rounds; run++)); do
    http_int direct "$run" "$direct" "$direct_pid" | tee -a "$work/http.txt"
    http_int gateway "$run" "$via_gateway" "$gateway_pid" | tee -a "$work/http.txt"
    http_int nginx-proxy "$run" "$via_proxy" "$proxy_pid" | tee -a "$work/http.txt"
    http_int netty-proxy "$run" "$via_netty" "$netty_pid" | tee -a "$work/http.txt"
done
python3 - "$work/http.txt" <<'PY'
import statistics, sys
rows = [dict(t.split("=", 1) for t in line.split() if "=" in t) for line in open(sys.argv[1], encoding="utf-8")]
systems = ("direct", "gateway", "nginx-proxy", "netty-proxy")
cpu = {s: statistics.median(int(r["cpu_us_per_req"]) for r in rows if r["system"] == s) for s in systems}
rps = {s: statistics.median(float(r["rps"]) for r in rows if r["system"] == s) for s in cpu}
print("case=http-int-summary " + " ".join(f"{s}_cpu_us_per_req={cpu[s]} {s}_rps={rps[s]:.0f}" for s in cpu)
      + "".join(f" gateway/{p}_cpu={cpu['gateway'] / max(cpu[p], 1):.2f}x"
                f" gateway/{p}_rps={rps['gateway'] / max(rps[p], 1):.2f}x" for p in ("nginx-proxy", "netty-proxy")))
PY
for ((run = 1; run <= rounds; run++)); do
    echo "case=download-1g system=direct run=$run $("$tools/download.sh" "http://127.0.0.1:$files_port/s/$big" 2>/dev/null | tail -1)"
    echo "case=download-1g system=gateway run=$run $("$tools/download.sh" "http://127.0.0.1:$gw_port/s/$big" "$gateway_pid" 2>/dev/null | tail -1)"
done
echo "case=gateway-memory system=gateway run=1 rss_after_mib=$(($(rss_kib $gateway_pid) / 1024))"

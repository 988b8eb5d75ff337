#!/usr/bin/env bash
# Random API over HTTP: random-service direct, through the gateway, and the course's Python http.server
#
# Usage: bench/random-http.sh [ROUNDS=3] [PATH=/api/random/int]
# Starts random-service (compose's JVM flags, HTTP 19382, raw sockets on free ports), the gateway
# (19380, RANDOM_SERVICE_URL pointing at it) and the course's random API as a peer
# (bench/peers/python/random_server.py: ThreadingHTTPServer, HTTP/1.0, port 13082),
# and, as references for the gateway, C proxies in front of the same random-service: nginx
# (bench/nginx-proxy.conf, port 19381, keep-alive upstream), HAProxy in HTTP mode (19384) and
# HAProxy in TCP mode (19383; bench/haproxy-proxy.cfg): a relay that parses no HTTP, the floor of
# what any proxy in front of the service costs when it shares the two cores with it and wrk.
# Warms both JVMs up (not recorded), then ROUNDS rounds alternating direct, gateway, nginx-proxy,
# haproxy-http, haproxy-tcp, python, each `tools/http-wrk.sh -d 10 -c 64 -t 1 -w 2 URL` (wrk,
# keep-alive where the server allows it) after waiting for a quiet machine (>= 85 % idle, at most
# ~90 s; idle_before says what it was).
# Prints one line per run, then per target the median rps and p99, then the ratios with the
# targets of the issue: direct >= 10x python, gateway >= 0.6x direct (and, for reference, each
# C proxy / direct and gateway / nginx-proxy). Stops everything.
# Build first: ./mvnw -q -B -DskipTests package -pl gateway,random-service -am
set -euo pipefail
source "$(cd "$(dirname "$0")" && pwd)/lib.sh"

rounds=${1:-3}
path=${2:-/api/random/int}
((rounds >= 1 && rounds <= 10)) || { echo "ROUNDS must be 1..10" >&2; exit 2; }
[[ $path == /api/random/* ]] || { echo "PATH must be under /api/random/" >&2; exit 2; }
# durations (s): measured run, its wrk warm-up, the JIT warm-up of the gateway and of the service
wrk_s=$(smoke 2 10) wrk_warm_s=$(smoke 1 2) jit_gateway_s=$(smoke 2 60) jit_direct_s=$(smoke 1 20)
random_port=19382 gateway_port=19380 python_port=13082 proxy_port=19381 relay_port=19383 haproxy_port=19384
command -v nginx >/dev/null || { echo "nginx missing: apt-get install -y nginx" >&2; exit 1; }
command -v haproxy >/dev/null || { echo "haproxy missing: apt-get install -y haproxy" >&2; exit 1; }
require_free_port "$proxy_port" "$relay_port" "$haproxy_port" || exit 1
results=$bench_run/random-http-$(date +%Y%m%dT%H%M%S).txt

python_started=
proxy_dir=$bench_run/random-http-proxies
cleanup() {
    [[ -s $proxy_dir/nginx.pid ]] && kill "$(<"$proxy_dir/nginx.pid")" 2>/dev/null
    [[ -s $proxy_dir/haproxy.pid ]] && kill "$(<"$proxy_dir/haproxy.pid")" 2>/dev/null
    stop_services
    [[ -n $python_started ]] && "$peer" stop py-random 2>/dev/null
    return 0
}
trap cleanup EXIT
raise_nofile 65536

start_service random-service "$random_port" --spring.main.banner-mode=off \
    --switchboard.socket.servers.echo.port=0 --switchboard.socket.servers.rfc862.port=0
export RANDOM_SERVICE_URL=http://127.0.0.1:$random_port
rm -rf "$proxy_dir"
start_nginx_proxy "$proxy_dir" "$proxy_port" "$random_port"
sed -e "s/@TCP_PORT@/$relay_port/" -e "s/@HTTP_PORT@/$haproxy_port/" -e "s/@UPSTREAM_PORT@/$random_port/" \
    "$bench_dir/haproxy-proxy.cfg" >"$proxy_dir/haproxy.cfg"
haproxy -q -D -f "$proxy_dir/haproxy.cfg" -p "$proxy_dir/haproxy.pid" 9>&- # the daemon holds no lock of ours
start_service gateway "$gateway_port" --spring.main.banner-mode=off
if ! "$peer" pid py-random >/dev/null 2>&1; then
    "$peer" start py-random "$python_port" 2>/dev/null
    python_started=1
fi

declare -A urls=([direct]=http://127.0.0.1:$random_port$path [gateway]=http://127.0.0.1:$gateway_port$path
                 [nginx-proxy]=http://127.0.0.1:$proxy_port$path
                 [haproxy-http]=http://127.0.0.1:$haproxy_port$path [haproxy-tcp]=http://127.0.0.1:$relay_port$path
                 [python]=http://127.0.0.1:$python_port$path)
# the order of each round, and of the summary
systems=(direct gateway nginx-proxy haproxy-http haproxy-tcp python)
# JIT warm-up of both JVMs, not recorded (the gateway's run also warms the service)
"$tools/http-wrk.sh" -d "$jit_gateway_s" -c 64 -t 1 -w 0 "${urls[gateway]}" >/dev/null 2>&1
"$tools/http-wrk.sh" -d "$jit_direct_s" -c 64 -t 1 -w 0 "${urls[direct]}" >/dev/null 2>&1

for ((run = 1; run <= rounds; run++)); do
    for system in "${systems[@]}"; do
        idle=$(wait_quiet)
        line=$("$tools/http-wrk.sh" -d "$wrk_s" -c 64 -t 1 -w "$wrk_warm_s" "${urls[$system]}" 2>/dev/null | tail -1) || line=
        echo "case=http-int system=$system run=$run idle_before=$idle ${line:-failed=1}" | tee -a "$results"
    done
done
echo "raw results: $results" >&2

python3 - "$results" "${systems[@]}" <<'PY'
import statistics, sys
rows = [dict(t.split("=", 1) for t in line.split() if "=" in t) for line in open(sys.argv[1], encoding="utf-8")]
median = {}
for system in sys.argv[2:]:
    runs = [r for r in rows if r.get("system") == system and "rps" in r]
    if not runs:
        print(f"target={system} failed=1")
        continue
    rps = statistics.median(float(r["rps"]) for r in runs)
    p99 = statistics.median(float(r["p99_ms"]) for r in runs)
    errors = sum(int(r["errors"]) for r in runs)
    median[system] = rps
    each = "/".join("%.0f" % float(r["rps"]) for r in runs)
    print(f"target={system} runs={len(runs)} median_rps={rps:.0f} median_p99_ms={p99:.2f} errors={errors} rps_runs={each}")
if {"direct", "python"} <= median.keys():
    ratio = median["direct"] / median["python"]
    print(f"ratio=direct/python value={ratio:.1f}x target=10x {'met' if ratio >= 10 else 'NOT met'}")
if {"gateway", "direct"} <= median.keys():
    ratio = median["gateway"] / median["direct"]
    print(f"ratio=gateway/direct value={ratio:.2f}x target=0.6x {'met' if ratio >= 0.6 else 'NOT met'}")
for proxy in (s for s in sys.argv[2:] if s not in ("direct", "gateway", "python")):
    if {proxy, "direct"} <= median.keys():
        print(f"ratio={proxy}/direct value={median[proxy] / median['direct']:.2f}x reference")
if {"gateway", "nginx-proxy"} <= median.keys():
    print(f"ratio=gateway/nginx-proxy value={median['gateway'] / median['nginx-proxy']:.2f}x reference")
PY

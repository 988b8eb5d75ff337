# Helpers shared by the benchmarks, the tools and the peers (sourced, not run).
# Everything they need is in bench/ (set up once with bench/setup.sh; bench/README.md).

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
project_dir=$(cd "$bench_dir/.." && pwd)
tools=$bench_dir/tools
peer=$bench_dir/peers/peer.sh
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
# pid files, logs and scratch files of a run; big test files (never in the repository)
export BENCH_RUN=${BENCH_RUN:-/tmp/bench-run}
export BENCH_FILES=${BENCH_FILES:-/tmp/bench-files}
bench_run=$BENCH_RUN
mkdir -p "$bench_run"

# raise_nofile [N]: allow N open files in this shell and what it starts (root may raise the
# hard limit too); falls back to the hard limit.
raise_nofile() {
    local want=${1:-65536}
    ulimit -n "$want" 2>/dev/null || ulimit -Sn "$(ulimit -Hn)"
}

# tree_pids PID: the process and all its descendants, one a line.
tree_pids() {
    local child
    echo "$1"
    for child in $(cat /proc/"$1"/task/*/children 2>/dev/null); do
        tree_pids "$child"
    done
}

# cpu_us PID: CPU time (user + system) a process and its descendants (nginx's workers) have
# used, in microseconds.
cpu_us() {
    local fields pid ticks=0
    for pid in $(tree_pids "$1"); do
        read -ra fields <"/proc/$pid/stat" || continue
        ticks=$((ticks + fields[13] + fields[14]))
    done
    echo $((ticks * 1000000 / $(getconf CLK_TCK)))
}

# wrk_cpu SECONDS URL PID: one measured wrk run (-c 64 -t 1, no warm-up: the server is warm,
# so that the CPU time counts exactly these requests); prints http-wrk.sh's line and the CPU
# time PID's tree used per request (cpu_us_per_req).
wrk_cpu() {
    local before line used requests
    before=$(cpu_us "$3")
    line=$("$tools/http-wrk.sh" -d "$1" -c 64 -t 1 -w 0 "$2" 2>/dev/null)
    used=$(($(cpu_us "$3") - before))
    requests=$(sed -n 's/.* requests=\([0-9]*\).*/\1/p' <<<"$line")
    echo "$line cpu_us_per_req=$((used / (requests > 0 ? requests : 1)))"
}

# rss_kib PID: resident memory of a process tree in KiB (0 once it is gone). Reads /proc
# without forking in the loop, so it is cheap enough to sample every 50 ms.
rss_kib() {
    local total=0 pid key value _
    for pid in $(tree_pids "$1"); do
        while read -r key value _; do
            if [[ $key == VmRSS: ]]; then
                total=$((total + value))
                break
            fi
        done <"/proc/$pid/status" 2>/dev/null || true
    done
    echo "$total"
}

# require_free_port PORT...: fail, naming who holds it, when something already listens on a
# port a benchmark is about to use (it would measure someone else's server).
require_free_port() {
    local port holder
    for port in "$@"; do
        holder=$(ss -Hltnp "sport = :$port" 2>/dev/null) || true
        if [[ -n $holder ]]; then
            echo "port $port is already in use: $(grep -o 'users:.*' <<<"$holder" | head -1)" >&2
            return 1
        fi
    done
}

# wait_listen PORT [SECONDS=20]: wait until something listens on 127.0.0.1:PORT.
wait_listen() {
    local port=$1 limit=${2:-20} i
    for ((i = 0; i < limit * 10; i++)); do
        ss -Hltn "sport = :$port" | grep -q . && return 0
        sleep 0.1
    done
    echo "nothing listens on port $port after ${limit}s" >&2
    return 1
}

# smoke SMALL FULL: SMALL in a smoke run (BENCH_SMOKE=1, set by bench/run.sh --smoke), FULL
# otherwise. A smoke run proves a benchmark runs end to end in seconds, with tiny durations and
# counts; its figures mean nothing.
smoke() {
    if [[ ${BENCH_SMOKE:-0} == 1 ]]; then echo "$1"; else echo "$2"; fi
}

# cpu_idle: the machine's idle CPU % over one second.
cpu_idle() {
    local a1 a2 a3 a4 a5 a6 a7 b1 b2 b3 b4 b5 b6 b7
    read -r _ a1 a2 a3 a4 a5 a6 a7 _ </proc/stat
    sleep 1
    read -r _ b1 b2 b3 b4 b5 b6 b7 _ </proc/stat
    echo $(((b4 - a4) * 100 / ((b1 + b2 + b3 + b4 + b5 + b6 + b7) - (a1 + a2 + a3 + a4 + a5 + a6 + a7))))
}

# wait_quiet [SECONDS=45]: wait (bounded) for a machine >= 85 % idle; print the idle % seen last.
# A smoke run only measures it, once.
wait_quiet() {
    local idle i limit=${1:-45}
    [[ ${BENCH_SMOKE:-0} == 1 ]] && limit=1
    for ((i = 0; i < limit; i++)); do
        idle=$(cpu_idle)
        ((idle >= 85)) && break
        sleep 1
    done
    echo "$idle"
}

# compose_java_options [MODULE]: the JVM flags docker-compose.yml gives a service: its own
# x-MODULE-java-options when it has some (the gateway), else the shared x-java-options
compose_java_options() {
    local own=
    [[ -n ${1:-} ]] && own=$(sed -n "s/^x-$1-java-options: &$1-java-options \"\(.*\)\"\$/\1/p" "$project_dir/docker-compose.yml")
    [[ -n $own ]] && { echo "$own"; return; }
    sed -n 's/^x-java-options: &java-options "\(.*\)"$/\1/p' "$project_dir/docker-compose.yml"
}

started_pids=()

# start_service MODULE HTTP_PORT [ARG...]: start a service's jar (compose's JVM flags) in the
# background, log to $bench_run/MODULE-HTTP_PORT.log, wait until it is ready, and print
# "MODULE ready_ms=… rss_mib=…". Extra ARGs go to the application (--name=value).
start_service() {
    local module=$1 port=$2 start_ms pid
    shift 2
    local jar=$project_dir/$module/target/$module.jar
    [[ -f $jar ]] || { echo "$jar missing: run ./mvnw -DskipTests package" >&2; return 1; }
    require_free_port "$port" || return 1
    start_ms=$(date +%s%3N)
    # For experiments on one service (module name with '_' for '-', e.g. messaging_service):
    # BENCH_JAVA_OPTIONS_<module> adds JVM flags (profiling, GC logs), BENCH_JAVA_BASE_<module>
    # replaces compose's flags (another GC, heap sizes)
    local extra_var=BENCH_JAVA_OPTIONS_${module//-/_} base_var=BENCH_JAVA_BASE_${module//-/_}
    # the gateway's actuator port: any free one, never the 8090 of a suite running beside
    [[ $module == gateway ]] && set -- --management.server.port=0 "$@"
    JAVA_TOOL_OPTIONS="${!base_var:-$(compose_java_options "$module")} ${!extra_var:-}" "$JAVA" -jar "$jar" --server.port="$port" "$@" \
        >"$bench_run/$module-$port.log" 2>&1 &
    pid=$!
    started_pids+=("$pid")
    until curl -sf "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null 2>&1; do
        kill -0 "$pid" 2>/dev/null || { echo "$module died; see $bench_run/$module-$port.log" >&2; return 1; }
        (($(date +%s%3N) - start_ms < 180000)) || { echo "$module not ready after 180 s" >&2; return 1; }
        sleep 0.1
    done
    echo "$module ready_ms=$(($(date +%s%3N) - start_ms)) rss_mib=$(($(rss_kib "$pid") / 1024)) pid=$pid" >&2
    eval "${module//-/_}_pid=$pid"
}

# start_nginx_proxy DIR LISTEN_PORT UPSTREAM_PORT: nginx as an HTTP reverse proxy (nginx-proxy.conf)
# with its prefix, pid file (DIR/nginx.pid) and logs in DIR; the reference for what a proxy costs.
# The daemon is not handed bench/run.sh's lock (fd 9), which it would otherwise hold after us.
start_nginx_proxy() {
    local dir=$1
    mkdir -p "$dir/tmp"
    sed -e "s/@LISTEN_PORT@/$2/" -e "s/@UPSTREAM_PORT@/$3/" "$bench_dir/nginx-proxy.conf" >"$dir/nginx.conf"
    nginx -p "$dir/" -c "$dir/nginx.conf" -e "$dir/error.log" 9>&-
}

stop_services() {
    ((${#started_pids[@]})) || return 0
    kill -TERM "${started_pids[@]}" 2>/dev/null || true
    wait "${started_pids[@]}" 2>/dev/null || true
    started_pids=()
}

# loopback_url URL: succeed when URL's host is a loopback address (the tools refuse others).
loopback_url() {
    [[ $1 =~ ^[a-z]+://(127\.[0-9]+\.[0-9]+\.[0-9]+|localhost|\[::1\])(:[0-9]+)?(/|$) ]]
}

# Helpers shared by the benchmarks (sourced, not run).
# The load tools and reference peers live in ../shared/bench (their README explains each one).

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
project_dir=$(cd "$bench_dir/.." && pwd)
shared_bench=${SHARED_BENCH:-$(cd "$project_dir/../shared/bench" 2>/dev/null && pwd)}
if [[ -z $shared_bench || ! -d $shared_bench/tools ]]; then
    echo "../shared/bench not found beside the project (set SHARED_BENCH)" >&2
    exit 1
fi
source "$shared_bench/lib.sh"
tools=$shared_bench/tools
peer=$shared_bench/peers/peer.sh
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
bench_run=${BENCH_RUN:-/tmp/bench-run}
mkdir -p "$bench_run"

# The JVM flags docker-compose.yml gives every service
compose_java_options() {
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
    start_ms=$(date +%s%3N)
    # For experiments on one service (module name with '_' for '-', e.g. messaging_service):
    # BENCH_JAVA_OPTIONS_<module> adds JVM flags (profiling, GC logs), BENCH_JAVA_BASE_<module>
    # replaces compose's flags (another GC, heap sizes)
    local extra_var=BENCH_JAVA_OPTIONS_${module//-/_} base_var=BENCH_JAVA_BASE_${module//-/_}
    JAVA_TOOL_OPTIONS="${!base_var:-$(compose_java_options)} ${!extra_var:-}" "$JAVA" -jar "$jar" --server.port="$port" "$@" \
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

stop_services() {
    ((${#started_pids[@]})) || return 0
    kill -TERM "${started_pids[@]}" 2>/dev/null || true
    wait "${started_pids[@]}" 2>/dev/null || true
    started_pids=()
}

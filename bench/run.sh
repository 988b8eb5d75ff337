#!/usr/bin/env bash
# Runs the benchmarks with their fixed arguments and keeps their result lines.
#   bench/run.sh                   lists the benchmarks and their fixed arguments
#   bench/run.sh <name>            one benchmark, its fixed arguments
#   bench/run.sh <name> ARG...     one benchmark, other arguments (not comparable with the history)
#   bench/run.sh all               every benchmark in turn, one results file for all
#   bench/run.sh --smoke <name|all>  tiny durations and counts: proves the machinery works in
#                                  minutes; its figures mean nothing
# The result lines (stdout) go to bench/results/<date>-<name>.txt (git-ignored), the
# benchmarks' logs (stderr) beside it as .log; the path is printed at the end. Nothing is built:
# run bench/setup.sh once and ./mvnw -B -DskipTests package first. One run at a time (the
# benchmarks use fixed ports).
set -euo pipefail
source "$(cd "$(dirname "$0")" && pwd)/lib.sh"

# name -> fixed arguments (and those of a smoke run), in the order of `all`
names=(random-http gateway gateway-ab tcp-echo tcp-chat ws-fanout ws-memory fileshare startup)
declare -A fixed=([random-http]="3" [gateway]="nginx 3" [gateway-ab]="cd14566 12" [tcp-echo]="3" [tcp-chat]="10000 5" [ws-fanout]="gateway 1000 20"
                  [ws-memory]="1000 5000" [fileshare]="" [startup]="3")
declare -A small=([random-http]="1" [gateway]="nginx 1" [gateway-ab]="cd14566 1" [tcp-echo]="1" [tcp-chat]="50 3" [ws-fanout]="gateway 50 5"
                  [ws-memory]="20 50" [fileshare]="" [startup]="1")

if [[ ${1:-} == --smoke ]]; then
    export BENCH_SMOKE=1
    shift
fi
if [[ $# -lt 1 ]]; then
    echo "usage: bench/run.sh [--smoke] <name|all> [ARG...]" >&2
    for name in "${names[@]}"; do
        printf '  %-12s %-18s %s\n' "$name" "${fixed[$name]:-(none)}" "$(sed -n '2s/^# //p' "$bench_dir/$name.sh")" >&2
    done
    exit 2
fi
target=$1
shift
if [[ $target != all && -z ${fixed[$target]+set} ]]; then
    echo "no benchmark named $target (bench/run.sh lists them)" >&2
    exit 2
fi
[[ $target == all && $# -gt 0 ]] && { echo "all takes no arguments" >&2; exit 2; }

# what every benchmark needs, checked before anything starts
problems=()
for command in wrk nginx haproxy curl python3 node ss redis-server; do
    command -v "$command" >/dev/null || problems+=("$command missing")
done
[[ -d $bench_dir/ws/node_modules/ws ]] || problems+=("bench/ws/node_modules missing")
for netty in netty-echo netty-proxy; do
    [[ -f $bench_dir/peers/$netty/target/$netty.jar ]] || problems+=("the Netty peer $netty's jar missing")
done
[[ -x $JAVA ]] || problems+=("no JDK at $JAVA_HOME")
if ((${#problems[@]})); then
    printf '%s\n' "${problems[@]}" "run bench/setup.sh first" >&2
    exit 1
fi

exec 9>"$bench_run/run.lock"
flock -n 9 || { echo "another bench/run.sh is running (lock $bench_run/run.lock)" >&2; exit 1; }

results_dir=$bench_dir/results
mkdir -p "$results_dir"
stamp=$(date +%Y-%m-%dT%H%M%S)
results=$results_dir/$stamp-$target${BENCH_SMOKE:+-smoke}.txt
log=${results%.txt}.log
{
    echo "# bench/run.sh ${BENCH_SMOKE:+--smoke }$target $* — $(date -Iseconds)"
    echo "# commit $(git -C "$project_dir" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$project_dir" diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
    echo "# machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr)," \
        "$("$JAVA" -version 2>&1 | sed -n 1p), node $(node --version), $(wrk -v 2>&1 | sed -n '1s/ \[.*//p'), $(nginx -v 2>&1 | sed 's/.*: //')"
    [[ -n ${BENCH_SMOKE:-} ]] && echo "# SMOKE RUN: tiny durations and counts, the figures mean nothing"
} >"$results"

# one NAME ARG...: run a benchmark, its result lines to the terminal and the results file
one() {
    local name=$1 start status=0
    shift
    start=$(date +%s)
    echo "## $name $*" | tee -a "$results"
    echo "## $name $* ($(date -Iseconds))" >>"$log"
    bash "$bench_dir/$name.sh" "$@" 2>>"$log" | tee -a "$results" || status=$?
    echo "bench=$name status=$status seconds=$(($(date +%s) - start))" | tee -a "$results"
    return "$status"
}

failed=()
if [[ $target == all ]]; then
    for name in "${names[@]}"; do
        if [[ -n ${BENCH_SMOKE:-} ]]; then args=${small[$name]}; else args=${fixed[$name]}; fi
        # word splitting on purpose: the arguments are plain words
        # shellcheck disable=SC2086
        one "$name" $args || failed+=("$name")
    done
else
    if (($# == 0)); then
        if [[ -n ${BENCH_SMOKE:-} ]]; then args=${small[$target]}; else args=${fixed[$target]}; fi
        # shellcheck disable=SC2086
        set -- $args
    fi
    one "$target" "$@" || failed+=("$target")
fi
echo "results: $results (logs: $log)"
if ((${#failed[@]})); then
    echo "failed: ${failed[*]} (see the log)" >&2
    exit 1
fi

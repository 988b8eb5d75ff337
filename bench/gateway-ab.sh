#!/usr/bin/env bash
# The gateway's CPU per request, this build against an earlier one, side by side in one run.
# Usage: bench/gateway-ab.sh [REF=cd14566] [ROUNDS=12]
#   REF     a git revision: the gateway built at REF (in a temporary worktree, ./mvnw -o) is
#           the reference; the default is the last commit before the gateway's hop was made
#           cheaper (its route lookup, header copies and Reactor context)
#   ROUNDS  rounds of one wrk run each way
# Both gateways run at once with compose's JVM flags (x-gateway-java-options), in front of the
# nginx peer's static /api/random/int (port 13180): the reference on 19480, this build
# (gateway/target/gateway.jar) on 19490. Both are warmed up (JIT, 20 s each), then each round
# runs `wrk -t1 -c64 -d 5s` against one and then the other, so that both meet the same machine:
# on a shared machine one gateway's CPU time per request varies by a quarter from one run to
# the next, more than what a change to it saves. A result line per round, then the medians and
# the median of the rounds' ratios (this build / the reference).
set -euo pipefail
source "$(cd "$(dirname "$0")" && pwd)/lib.sh"

ref=${1:-cd14566}
rounds=${2:-12}
((rounds >= 1 && rounds <= 50)) || { echo "ROUNDS must be 1..50" >&2; exit 2; }
ref_port=19480 new_port=19490
run_s=$(smoke 1 5) jit_s=$(smoke 2 20)
new_jar=$project_dir/gateway/target/gateway.jar
[[ -f $new_jar ]] || { echo "missing $new_jar: build it first" >&2; exit 1; }
command -v nginx >/dev/null || { echo "nginx missing: apt-get install -y nginx" >&2; exit 1; }
require_free_port "$ref_port" "$new_port" || exit 1
git -C "$project_dir" rev-parse --verify -q "$ref^{commit}" >/dev/null || { echo "no commit $ref" >&2; exit 2; }

work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    git -C "$project_dir" worktree remove --force "$work/ref" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# The reference, built from its own sources (what it depends on in the project too)
echo "building the gateway at $ref ($(git -C "$project_dir" log -1 --format='%h %s' "$ref" | cut -c1-80))" >&2
git -C "$project_dir" worktree add --detach -q "$work/ref" "$ref"
(cd "$work/ref" && ./mvnw -B -q -o package -DskipTests -Djacoco.skip=true -pl gateway -am) >"$work/build.log" 2>&1 ||
    { tail -30 "$work/build.log" >&2; echo "the reference did not build" >&2; exit 1; }
ref_jar=$work/ref/gateway/target/gateway.jar

if ! "$peer" pid nginx >/dev/null 2>&1; then
    "$peer" start nginx >/dev/null
    trap 'cleanup; "$peer" stop nginx >/dev/null 2>&1 || true' EXIT
fi
options="${BENCH_JAVA_BASE_gateway:-$(compose_java_options gateway)} ${BENCH_JAVA_OPTIONS_gateway:-}"
start_gateway() {
    JAVA_TOOL_OPTIONS="$options" RANDOM_SERVICE_URL=http://127.0.0.1:13180 \
        "$JAVA" -jar "$1" --server.port="$2" --management.server.port=0 >"$work/gateway-$2.log" 2>&1 &
    pids+=($!)
}
start_gateway "$ref_jar" $ref_port
ref_pid=${pids[-1]}
start_gateway "$new_jar" $new_port
new_pid=${pids[-1]}
for port in $ref_port $new_port; do
    wait_listen "$port" 120 || { cat "$work/gateway-$port.log" >&2; exit 1; }
done

# measure PID PORT: one wrk run; prints "CPU_US_PER_REQUEST RPS"
measure() {
    local line
    line=$(wrk_cpu "$run_s" "http://127.0.0.1:$2/api/random/int" "$1")
    [[ $line =~ requests=[1-9] ]] || { echo "no request answered on port $2: $line" >&2; exit 1; }
    echo "$(sed -n 's/.* cpu_us_per_req=\([0-9]*\).*/\1/p' <<<"$line") $(sed -n 's/^rps=\([0-9.]*\) .*/\1/p' <<<"$line")"
}

for port in $ref_port $new_port; do
    "$tools/http-wrk.sh" -d "$jit_s" -c 64 -t 1 -w 0 "http://127.0.0.1:$port/api/random/int" >/dev/null 2>&1
done
for ((run = 1; run <= rounds; run++)); do
    read -r ref_cpu ref_rps <<<"$(measure "$ref_pid" $ref_port)"
    read -r new_cpu new_rps <<<"$(measure "$new_pid" $new_port)"
    echo "case=gateway-ab run=$run ref=$ref ref_cpu_us_per_req=$ref_cpu ref_rps=$ref_rps new_cpu_us_per_req=$new_cpu new_rps=$new_rps" |
        tee -a "$work/rounds.txt"
done
python3 - "$work/rounds.txt" "$ref" <<'PY'
import statistics, sys
rows = [dict(t.split("=", 1) for t in line.split() if "=" in t) for line in open(sys.argv[1], encoding="utf-8")]
ref = statistics.median(int(r["ref_cpu_us_per_req"]) for r in rows)
new = statistics.median(int(r["new_cpu_us_per_req"]) for r in rows)
ratio = statistics.median(int(r["new_cpu_us_per_req"]) / max(int(r["ref_cpu_us_per_req"]), 1) for r in rows)
faster = sum(1 for r in rows if int(r["new_cpu_us_per_req"]) < int(r["ref_cpu_us_per_req"]))
print(f"case=gateway-ab-summary ref={sys.argv[2]} rounds={len(rows)} ref_cpu_us_per_req={ref} new_cpu_us_per_req={new}"
      f" new/ref_cpu={ratio:.2f}x rounds_new_cheaper={faster}")
PY

#!/usr/bin/env bash
# Start-up time of each service alone (plain jar vs AOT cache) and the whole suite's RSS
#   bench/startup.sh [ROUNDS]      (bench/run.sh startup: 3 rounds)
# Each service starts alone with compose's JVM flags, its database already running (the
# local PostgreSQL on 127.0.0.1:5432, user postgres; databases of the benchmark's own,
# bench_contacts, bench_messaging and bench_fileshare, made when missing, so that a run never
# migrates the databases a local run uses), and is timed from exec to readiness UP.
# Rounds alternate plain jar and AOT cache (deploy/aot-cache.sh, trained once here).
# Then all five start with their AOT caches, take one request each through the gateway,
# and their resident memory is summed.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
rounds=${1:-3}
pg_url=${BENCH_PG_URL:-jdbc:postgresql://127.0.0.1:5432}
pg_user=${BENCH_PG_USER:-postgres}

# module:http-port:database (database empty for the stateless ones)
services=(random-service:18082: contacts-service:18081:bench_contacts messaging-service:18083:bench_messaging
    fileshare-service:18084:bench_fileshare gateway:18080:)

for entry in "${services[@]}"; do
    IFS=: read -r module _ database <<<"$entry"
    [[ -f $project_dir/$module/target/$module.jar ]] || { echo "$module.jar missing: ./mvnw -DskipTests package" >&2; exit 1; }
    if [[ -n $database ]] && ! psql -h 127.0.0.1 -U "$pg_user" -tAc "select 1" "$database" >/dev/null 2>&1; then
        psql -h 127.0.0.1 -U "$pg_user" -c "create database $database" >/dev/null
    fi
done

aot_dir=$bench_run/aot
for entry in "${services[@]}"; do
    module=${entry%%:*}
    jar=$project_dir/$module/target/$module.jar
    echo "AOT cache of $module ..." >&2
    JAVA_TOOL_OPTIONS=$(compose_java_options "$module") "$project_dir/deploy/aot-cache.sh" --if-changed "$jar" "$aot_dir/$module" \
        >"$bench_run/aot-$module.log" 2>&1 || { tail -n 20 "$bench_run/aot-$module.log" >&2; exit 1; }
done

# launch MODE MODULE PORT DATABASE: start one service in the background, set $pid
launch() {
    local mode=$1 module=$2 port=$3 database=$4 command
    require_free_port "$port" || exit 1
    if [[ $mode == aot ]]; then
        command=("$JAVA" -XX:AOTCache="$aot_dir/$module/app.aot" -jar "$aot_dir/$module/$module.jar")
    else
        command=("$JAVA" -jar "$project_dir/$module/target/$module.jar")
    fi
    (
        cd "$bench_run"
        JAVA_TOOL_OPTIONS=$(compose_java_options "$module")
        export JAVA_TOOL_OPTIONS
        # free raw ports (naming another service's server would declare it here)
        case $module in
            random-service) export SWITCHBOARD_SOCKET_SERVERS_ECHO_PORT=0 SWITCHBOARD_SOCKET_SERVERS_RFC862_PORT=0 ;;
            contacts-service) export SWITCHBOARD_SOCKET_SERVERS_CONTACTS_PORT=0 ;;
            messaging-service) export SWITCHBOARD_SOCKET_SERVERS_CHAT_PORT=0 ;;
        esac
        export SWITCHBOARD_FILESHARE_DATA_DIR=$bench_run/startup-files SWITCHBOARD_FILESHARE_PUBLIC_DIR=$project_dir/deploy/public
        export RANDOM_SERVICE_URL=http://127.0.0.1:18082 CONTACTS_SERVICE_URL=http://127.0.0.1:18081
        export MESSAGING_SERVICE_URL=http://127.0.0.1:18083 FILESHARE_SERVICE_URL=http://127.0.0.1:18084
        if [[ -n $database ]]; then
            export SPRING_DATASOURCE_URL=$pg_url/$database SPRING_DATASOURCE_USERNAME=$pg_user SPRING_DATASOURCE_PASSWORD=
        fi
        exec "${command[@]}" --server.port="$port"
    ) >"$bench_run/startup-$module.log" 2>&1 &
    pid=$!
}

# await_ready PID PORT: wait for readiness UP, print the milliseconds since $start_ms
await_ready() {
    until curl -sf "http://127.0.0.1:$2/actuator/health/readiness" >/dev/null 2>&1; do
        kill -0 "$1" 2>/dev/null || { echo "died: see $bench_run/startup-*.log" >&2; exit 1; }
        (($(date +%s%3N) - start_ms < 120000)) || { echo "not ready after 120 s" >&2; exit 1; }
        sleep 0.02
    done
    echo $(($(date +%s%3N) - start_ms))
}

declare -A best
for ((round = 1; round <= rounds; round++)); do
    for entry in "${services[@]}"; do
        IFS=: read -r module port database <<<"$entry"
        for mode in jar aot; do
            start_ms=$(date +%s%3N)
            launch "$mode" "$module" "$port" "$database"
            ready_ms=$(await_ready "$pid" "$port")
            rss=$(($(rss_kib "$pid") / 1024))
            kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
            echo "round=$round service=$module mode=$mode ready_ms=$ready_ms rss_mib=$rss"
            key=$module/$mode
            if [[ -z ${best[$key]:-} ]] || ((ready_ms < ${best[$key]})); then best[$key]=$ready_ms; fi
        done
    done
done

# The whole suite, AOT caches, started together as docker compose would
pids=()
start_ms=$(date +%s%3N)
for entry in "${services[@]}"; do
    IFS=: read -r module port database <<<"$entry"
    launch aot "$module" "$port" "$database"
    pids+=("$pid")
done
trap 'kill -TERM "${pids[@]}" 2>/dev/null; wait 2>/dev/null' EXIT
i=0
for entry in "${services[@]}"; do
    IFS=: read -r module port _ <<<"$entry"
    await_ready "${pids[$i]}" "$port" >/dev/null
    i=$((i + 1))
done
suite_ready_ms=$(($(date +%s%3N) - start_ms))
# one request to each service through the gateway, so each has served something
for path in /api/random/int /api/contacts /api/users /pub/ /swagger-ui.html; do
    curl -sf -o /dev/null "http://127.0.0.1:18080$path" || echo "warning: $path failed" >&2
done
sleep 1
total=0
i=0
for entry in "${services[@]}"; do
    module=${entry%%:*}
    rss=$(($(rss_kib "${pids[$i]}") / 1024))
    total=$((total + rss))
    printf 'suite service=%s rss_mib=%d\n' "$module" "$rss"
    i=$((i + 1))
done

echo
echo "RESULT startup (best of $rounds, alone, database running; target <= 3000 ms):"
for entry in "${services[@]}"; do
    module=${entry%%:*}
    printf '  %-18s jar %5d ms   aot %5d ms\n' "$module" "${best[$module/jar]}" "${best[$module/aot]}"
done
echo "RESULT suite: all five ready in ${suite_ready_ms} ms started together; RSS total ${total} MiB (target <= 1536 MiB)"

#!/usr/bin/env bash
# fileshare: 1 GiB upload and download (1 and 2 curls), direct and through the gateway, vs python http.server and nginx
#
# Usage: bench/fileshare.sh            (no arguments; build first: ./mvnw -DskipTests package)
# Starts fileshare-service (port 18084, H2 and data in a temporary folder, compose's JVM flags),
# the gateway (port 18090, FILESHARE_SERVICE_URL pointing at it) and the peers py-files (13084)
# and nginx (13180) over the same 1 GiB file from tools/mkfile.sh; stops them all at the end.
# One key=value line per measurement: mib_s (aggregate for 2 curls), and the peak RSS growth of
# every server process involved (<name>_rss_growth_mib), sampled every 50 ms.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

service_port=18084
gateway_port=18090
repeat=$(smoke 1 3)      # transfers of the file per curl and per measurement
file_mib=$(smoke 64 1024) # the file's size (1 GiB; a smoke run's is smaller)
work=$(mktemp -d /tmp/bench-fileshare.XXXXXX)
peers_started=()

cleanup() {
    stop_services
    for name in "${peers_started[@]}"; do "$peer" stop "$name" >/dev/null 2>&1 || true; done
    rm -rf "$work"
}
trap cleanup EXIT

# sampled "name:pid ..." COMMAND...: run COMMAND while sampling the RSS of each process tree
# every 50 ms; print COMMAND's last line followed by <name>_rss_{before,peak,growth}_mib.
sampled() {
    local targets=$1 out pid name i
    shift
    local -a names=() pids=() before=() peak=()
    for target in $targets; do
        names+=("${target%%:*}"); pids+=("${target##*:}")
        before+=("$(rss_kib "${target##*:}")"); peak+=("${before[-1]}")
    done
    out=$(mktemp -p "$work")
    "$@" >"$out" 2>&1 &
    pid=$!
    while kill -0 "$pid" 2>/dev/null; do
        for i in "${!pids[@]}"; do
            rss=$(rss_kib "${pids[$i]}")
            ((rss > peak[i])) && peak[i]=$rss
        done
        sleep 0.05
    done
    if ! wait "$pid"; then
        echo "failed=1 $(tail -1 "$out")"
        return 0
    fi
    line=$(tail -1 "$out")
    for i in "${!pids[@]}"; do
        line+=$(awk -v n="${names[$i]}" -v b="${before[$i]}" -v p="${peak[$i]}" \
            'BEGIN { printf " %s_rss_before_mib=%.1f %s_rss_peak_mib=%.1f %s_rss_growth_mib=%.1f", n, b/1024, n, p/1024, n, (p-b)/1024 }')
    done
    echo "$line"
}

# upload URL: one multipart upload of the file with curl; prints mib_s and the HTTP status.
upload() {
    curl -sS --max-time 300 -F "file=@$file" -F "maxDownloads=1000" -o "$work/share.json" \
        -w '%{http_code} %{size_upload} %{time_total}\n' "$1" |
        awk '{ printf "mib_s=%.1f mib=%.1f secs=%.3f status=%s\n", ($2/1048576)/$3, $2/1048576, $3, $1; exit ($1 == 201) ? 0 : 1 }'
}

# one URL: REPEAT downloads with one curl (tools/download.sh).
one() {
    "$tools/download.sh" "$1" "" "$repeat" 300 | sed 's/ rss_before_mib=na rss_peak_mib=na rss_growth_mib=na//'
}

# two URL: two curls at once, REPEAT downloads each; mib_s is the aggregate over the wall time.
two() {
    local start end a b
    start=$(date +%s%3N)
    "$tools/download.sh" "$1" "" "$repeat" 300 >"$work/a" &
    a=$!
    "$tools/download.sh" "$1" "" "$repeat" 300 >"$work/b" &
    b=$!
    wait "$a" && wait "$b" || { cat "$work/a" "$work/b" >&2; return 1; }
    end=$(date +%s%3N)
    awk -v ms=$((end - start)) -v n=$((2 * repeat)) -v size="$file_mib" '
        { split($1, kv, "="); rates = rates sep kv[2]; sep = "," }
        END { printf "mib_s=%.1f mib=%d secs=%.3f per_curl_mib_s=%s\n", n * size / (ms / 1000), n * size, ms / 1000, rates }' \
        "$work/a" "$work/b"
}

# warm_up URL: a JVM relays at full speed only once its hot paths are compiled (the gateway
# starts at about a third of its steady rate): one download, then two rounds of two at once.
warm_up() {
    curl -s -o /dev/null "$1"
    two "$1" >/dev/null
    two "$1" >/dev/null
}

# record CASE SYSTEM COMMAND...: wait for a quiet machine, run, print the result line.
record() {
    local case=$1 system=$2 idle
    shift 2
    idle=$(wait_quiet 30)
    echo "case=$case system=$system idle_before=$idle $("$@")"
}

value() { sed -n "s/.*[[:space:]]$1=\([0-9.]*\).*/\1/p" <<<"$2"; }

file=$("$tools/mkfile.sh" "$file_mib")
name=$(basename "$file")

# fileshare-service, direct
start_service fileshare-service "$service_port" \
    --spring.datasource.url="jdbc:h2:file:$work/db/fileshare;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
    --switchboard.fileshare.data-dir="$work/data" --switchboard.fileshare.public-dir="$work/public"
service="http://127.0.0.1:$service_port"
record upload-1g fileshare-direct sampled "fileshare:$fileshare_service_pid" upload "$service/api/shares"
url=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["url"])' "$work/share.json")
warm_up "$url"
record download-1g-1curl fileshare-direct sampled "fileshare:$fileshare_service_pid" one "$url"
direct2=$(record download-1g-2curl fileshare-direct sampled "fileshare:$fileshare_service_pid" two "$url")
echo "$direct2"

# Peers over the same file
for system in nginx py-files; do
    # A peer someone else already runs (same file folder) is used as is, and left running
    if ! peer_pid=$("$peer" pid "$system" 2>/dev/null); then
        "$peer" start "$system" >/dev/null
        peers_started+=("$system")
        peer_pid=$("$peer" pid "$system")
    fi
    if [[ $system == nginx ]]; then peer_url="http://127.0.0.1:13180/files/$name"; else peer_url="http://127.0.0.1:13084/$name"; fi
    curl -s -o /dev/null "$peer_url"   # warm-up
    record download-1g-1curl "$system" sampled "$system:$peer_pid" one "$peer_url"
    line=$(record download-1g-2curl "$system" sampled "$system:$peer_pid" two "$peer_url")
    echo "$line"
    [[ $system == nginx ]] && nginx2=$line
done

# Through the gateway
# GATEWAY_ARGS: extra gateway arguments, e.g. a route given by hand before the gateway has its own:
#   GATEWAY_ARGS='--spring.cloud.gateway.server.webflux.trusted-proxies=127\.0\.0\.1
#     --spring.cloud.gateway.server.webflux.routes[0].id=fileshare-service
#     --spring.cloud.gateway.server.webflux.routes[0].uri=http://127.0.0.1:18084
#     --spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/api/shares/**,/s/**,/share/**,/pub/**'

read -ra gateway_args <<<"${GATEWAY_ARGS:-}"
FILESHARE_SERVICE_URL=$service start_service gateway "$gateway_port" "${gateway_args[@]}"
gateway="http://127.0.0.1:$gateway_port"
if ! curl -sf -o /dev/null "$gateway/share/"; then
    echo "case=gateway system=fileshare-gateway failed=1 reason=the-gateway-does-not-route-/share/-to-fileshare-service"
else
    both="gateway:$gateway_pid fileshare:$fileshare_service_pid"
    record upload-1g fileshare-gateway sampled "$both" upload "$gateway/api/shares"
    # Downloads go through the gateway whatever the answer's url says; that url must point at
    # the gateway too (X-Forwarded-* from the gateway), which this line checks
    answered=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["url"])' "$work/share.json")
    url="$gateway/s/${answered##*/}"
    echo "case=gateway-link system=fileshare-gateway url_points_at_gateway=$([[ $answered == "$url" ]] && echo yes || echo "no($answered)")"
    warm_up "$url"
    record download-1g-1curl fileshare-gateway sampled "$both" one "$url"
    gateway2=$(record download-1g-2curl fileshare-gateway sampled "$both" two "$url")
    echo "$gateway2"
fi

awk -v d="$(value mib_s "$direct2")" -v n="$(value mib_s "${nginx2:-}")" -v g="$(value mib_s "${gateway2:-}")" 'BEGIN {
    printf "case=ratios direct_2curl_vs_nginx_2curl=%s gateway_2curl_vs_direct_2curl=%s target_direct=0.70 target_gateway=0.50\n",
        (n > 0 ? sprintf("%.2f", d / n) : "na"), (g > 0 && d > 0 ? sprintf("%.2f", g / d) : "na") }'

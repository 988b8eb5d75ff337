#!/usr/bin/env bash
# HTTP download rate (curl to /dev/null) and how much the server's memory grows meanwhile.
# Usage: bench/tools/download.sh URL [SERVER_PID] [REPEAT=1] [MAX_SECONDS=120]
# One curl downloads the URL REPEAT times in a row (1..20, keep-alive where the server allows),
# the whole of it bounded by MAX_SECONDS (1..900). With SERVER_PID, the RSS of that process and
# its children is sampled every 50 ms. Loopback URLs only. Exits 1 unless every transfer
# answered 2xx in full.
# Prints one line: mib_s=.. mib=.. secs=.. transfers=.. bad_status=.. curl_rc=..
#                  rss_before_mib=.. rss_peak_mib=.. rss_growth_mib=..   (na without SERVER_PID)
set -euo pipefail
source "$(cd "$(dirname "$0")/.." && pwd)/lib.sh"
url=${1:-}
pid=${2:-}
repeat=${3:-1}
max_s=${4:-120}
[[ -n $url ]] || { sed -n '2,9p' "$0" >&2; exit 2; }
loopback_url "$url" || { echo "loopback URLs only: $url" >&2; exit 2; }
((repeat >= 1 && repeat <= 20)) || { echo "REPEAT must be 1..20" >&2; exit 2; }
((max_s >= 1 && max_s <= 900)) || { echo "MAX_SECONDS must be 1..900" >&2; exit 2; }
[[ -z $pid || -d /proc/$pid ]] || { echo "no process $pid" >&2; exit 2; }

stats=$(mktemp)
trap 'rm -f "$stats"' EXIT
args=()
for ((i = 0; i < repeat; i++)); do args+=(-o /dev/null "$url"); done
before=0 peak=0
[[ -n $pid ]] && before=$(rss_kib "$pid") && peak=$before
# one line per transfer: status, bytes, seconds
curl -sS --max-time "$max_s" -w '%{http_code} %{size_download} %{time_total}\n' "${args[@]}" >"$stats" &
curl_pid=$!
while kill -0 "$curl_pid" 2>/dev/null; do
    if [[ -n $pid ]]; then
        rss=$(rss_kib "$pid")
        ((rss > peak)) && peak=$rss
    fi
    sleep 0.05
done
rc=0
wait "$curl_pid" || rc=$?
awk -v rc="$rc" -v want="$repeat" -v before="$before" -v peak="$peak" -v measured="${pid:+1}" '
    { transfers++; bytes += $2; seconds += $3; if ($1 !~ /^2/) bad++ }
    END {
        mib = bytes / 1048576
        printf "mib_s=%.1f mib=%.1f secs=%.3f transfers=%d bad_status=%d curl_rc=%d", \
            (seconds > 0 ? mib / seconds : 0), mib, seconds, transfers, bad + want - transfers, rc
        if (measured) printf " rss_before_mib=%.1f rss_peak_mib=%.1f rss_growth_mib=%.1f\n", before / 1024, peak / 1024, (peak - before) / 1024
        else printf " rss_before_mib=na rss_peak_mib=na rss_growth_mib=na\n"
        exit (rc == 0 && bad == 0 && transfers == want) ? 0 : 1
    }' "$stats"

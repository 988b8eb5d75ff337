#!/usr/bin/env bash
# HTTP requests/s and latency with wrk, one result line (wrk's own report goes to stderr).
# Usage: bench/tools/http-wrk.sh [-d SECONDS=10] [-c CONNECTIONS=64] [-t THREADS=1] [-w WARMUP_SECONDS=2] URL
# Checks the URL answers 2xx once (curl), warms up -w seconds (not reported), then runs wrk
# with tools/wrk-report.lua. Loopback URLs only; -d at most 300 s, -c at most 10,000.
# Prints one line: rps=.. requests=.. errors=.. p50_ms=.. p90_ms=.. p99_ms=.. max_ms=.. non2xx=.. …
set -euo pipefail
source "$(cd "$(dirname "$0")/.." && pwd)/lib.sh"
duration=10 connections=64 threads=1 warmup=2
usage() { sed -n '2,5p' "$0" >&2; exit 2; }
while getopts "d:c:t:w:" option; do
    case $option in
        d) duration=$OPTARG ;;
        c) connections=$OPTARG ;;
        t) threads=$OPTARG ;;
        w) warmup=$OPTARG ;;
        *) usage ;;
    esac
done
shift $((OPTIND - 1))
(($# == 1)) || usage
url=$1
loopback_url "$url" || { echo "loopback URLs only: $url" >&2; exit 2; }
((duration >= 1 && duration <= 300)) || { echo "-d must be 1..300" >&2; exit 2; }
((warmup >= 0 && warmup <= 120)) || { echo "-w must be 0..120" >&2; exit 2; }
((connections >= 1 && connections <= 10000)) || { echo "-c must be 1..10000" >&2; exit 2; }
((threads >= 1 && threads <= connections)) || { echo "-t must be 1..-c" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk missing: run bench/setup.sh" >&2; exit 1; }
raise_nofile 65536
curl -fsS -o /dev/null --max-time 5 "$url" || { echo "$url does not answer 2xx" >&2; exit 1; }
if ((warmup > 0)); then
    timeout $((warmup + 30)) wrk -t "$threads" -c "$connections" -d "${warmup}s" --timeout 5s "$url" >/dev/null
fi
report=$(timeout $((duration + 30)) wrk -t "$threads" -c "$connections" -d "${duration}s" --timeout 5s \
    -s "$tools/wrk-report.lua" "$url")
grep -v '^rps=' <<<"$report" >&2 || true
grep '^rps=' <<<"$report"

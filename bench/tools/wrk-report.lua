-- wrk script: at the end of a run, print one key=value line (latencies in milliseconds) that
-- tools/http-wrk.sh keeps as its result. errors counts every failed request: connect, read,
-- write, timeout and non-2xx/3xx status (non2xx says how many of them were statuses).
done = function(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1000000
  local failed = e.connect + e.read + e.write + e.timeout + e.status
  local function ms(us) return us / 1000 end
  io.write(string.format(
    "rps=%.1f requests=%d errors=%d p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f"
      .. " non2xx=%d connect_err=%d read_err=%d write_err=%d timeout=%d duration_s=%.2f\n",
    summary.requests / seconds, summary.requests, failed,
    ms(latency:percentile(50)), ms(latency:percentile(90)), ms(latency:percentile(99)), ms(latency.max),
    e.status, e.connect, e.read, e.write, e.timeout, seconds))
end

-- wrk script: POST a sample request; COUNT comes from the environment (default 1).
local count = os.getenv("COUNT") or "1"
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"count": ' .. count .. ', "seed": 1}'

done = function(summary, latency, requests)
  io.write(string.format("count=%s requests/s=%.0f p50_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n", count,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.errors.status))
end

-- wrk script for bench/soak: each connection cycles through the requests a client mixes in a day:
-- samples as JSON, a PNG grid, the model's summary and the readiness probe. MODEL comes from the
-- environment. done() prints one summary line that bench/soak reads.
local model = os.getenv("MODEL") or "quick-vae"
local requests = {
  {method = "POST", path = "/api/models/" .. model .. "/sample", body = '{"count": 8, "seed": 1}', accept = "application/json"},
  {method = "POST", path = "/api/models/" .. model .. "/sample", body = '{"count": 16, "seed": 2}', accept = "image/png"},
  {method = "GET", path = "/api/models/" .. model, accept = "application/json"},
  {method = "GET", path = "/v2/health/ready", accept = "application/json"},
}
local next_request = 0

request = function()
  next_request = next_request % #requests + 1
  local r = requests[next_request]
  local headers = {["Accept"] = r.accept}
  if r.body then
    headers["Content-Type"] = "application/json"
  end
  return wrk.format(r.method, r.path, headers, r.body)
end

done = function(summary, latency, requests)
  io.write(string.format("requests=%d requests/s=%.0f p50_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n", summary.requests,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.errors.status))
end

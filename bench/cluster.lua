-- wrk: cycle through the paths in $WRK_PATHS and count the answers by class.
local paths = {}
for line in io.lines(os.getenv("WRK_PATHS")) do paths[#paths + 1] = line end
local threads = {}
local next_path = 0

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  status_5xx, status_4xx, status_3xx = 0, 0, 0
  -- Threads start at different places in the list.
  next_path = (id * 997) % #paths
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end

function response(status, headers, body)
  if status >= 500 then
    status_5xx = status_5xx + 1
  elseif status >= 400 then
    status_4xx = status_4xx + 1
  elseif status >= 300 then
    status_3xx = status_3xx + 1
  end
end

function done(summary, latency, requests)
  local s5, s4, s3 = 0, 0, 0
  for _, thread in ipairs(threads) do
    s5 = s5 + thread:get("status_5xx")
    s4 = s4 + thread:get("status_4xx")
    s3 = s3 + thread:get("status_3xx")
  end
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.1f rps=%.1f p50_ms=%.1f p99_ms=%.1f "
      .. "5xx=%d 4xx=%d 3xx=%d socket_errors=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    s5, s4, s3, errors.connect + errors.read + errors.write + errors.timeout))
end

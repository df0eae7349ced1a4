-- wrk script of bench/load.sh: every request is a path picked at random from the
-- file bench/load_urls.py wrote (first script argument), so the run spreads over
-- many briefs, sections, searches and feeds. Each thread has its own seed.
--   wrk -s bench/load.lua http://127.0.0.1:8600 -- /tmp/urls.txt 1
local threads = {}
local paths = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_id", counter)
  table.insert(threads, thread)
end

function init(args)
  local file = args[1] or error("usage: wrk -s load.lua URL -- URLS_FILE [SEED]")
  for line in io.lines(file) do
    if #line > 0 then
      paths[#paths + 1] = line
    end
  end
  if #paths == 0 then
    error("no paths in " .. file)
  end
  math.randomseed(tonumber(args[2] or "1") * 1000 + thread_id)
  statuses = {}
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  -- The status counts of every thread, for the report: one "status N COUNT" line each.
  local total = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + n
    end
  end
  for status, n in pairs(total) do
    io.write(string.format("status %d %d\n", status, n))
  end
end

-- wrk script for api-load.sh: replays pre-signed RPC paths (one file line each, distinct nonces) and reports
-- p50/p99 and non-200 answers. Each wrk thread takes every Nth line so no two threads send the same nonce.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("index", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local file, every = args[1], tonumber(args[2])
  paths, n, failures = {}, 0, 0
  local i = 0
  for line in io.lines(file) do
    if i % every == index then n = n + 1; paths[n] = line end
    i = i + 1
  end
  next_path = 1
end

function request()
  if next_path > n then next_path = 1 end -- ran out: replays are refused (SignatureNonceUsed) and counted as failures
  local path = paths[next_path]
  next_path = next_path + 1
  return wrk.format("GET", path)
end

function response(status)
  if status ~= 200 then failures = failures + 1 end
end

function done(summary, latency, requests)
  local failed = 0
  for _, t in ipairs(threads) do failed = failed + t:get("failures") end
  io.write(string.format("%.0f req/s; p50 %.1f ms, p99 %.1f ms; non-200 %d of %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000, failed, summary.requests))
end

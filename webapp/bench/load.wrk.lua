-- wrk script of `python -m webapp.bench.load` (make load).
-- The Python side writes a table `targets` before this text: { {path, cookie, htmx}, ... }.
-- One target: that page alone. Several: the mixed load, each thread going round the list
-- from its own starting point. done() prints one JSON line the Python side reads.

local counter = 0
local thread_id = 0
local next_thread = 0

function setup(thread)
  thread:set("thread_id", next_thread)
  next_thread = next_thread + 1
end

function init(args)
  counter = thread_id * 7
end

function request()
  counter = counter + 1
  local target = targets[(counter % #targets) + 1]
  local headers = { ["Cookie"] = target[2], ["User-Agent"] = "passerelle-load" }
  if target[3] then
    headers["HX-Request"] = "true"
  end
  return wrk.format("GET", target[1], headers)
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "LOADJSON {\"requests\": %d, \"duration_us\": %d, \"bytes\": %d, \"errors\": %d, " ..
    "\"bad_status\": %d, \"p50_us\": %d, \"p90_us\": %d, \"p99_us\": %d}\n",
    summary.requests, summary.duration, summary.bytes,
    errors.connect + errors.read + errors.write + errors.timeout, errors.status,
    latency:percentile(50), latency:percentile(90), latency:percentile(99)))
end

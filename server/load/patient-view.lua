-- wrk: POST the example patient-view call (server/examples/patient-view.json). With
-- TOKENS=file, each request carries the next JWT of the file (thread i takes lines i, i+T, ...,
-- so no jti is sent twice).
local f = assert(io.open("server/examples/patient-view.json", "r"))
local body = f:read("*a")
f:close()

local threads = {}
local counter = 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local tokens = nil
local next_index = 1
local step = 1

function init(args)
  local path = os.getenv("TOKENS")
  if path and path ~= "" then
    tokens = {}
    for line in io.lines(path) do tokens[#tokens + 1] = line end
    next_index = id + 1
    step = #threads > 0 and #threads or tonumber(os.getenv("THREADS") or "2")
  end
end

function request()
  local headers = { ["Content-Type"] = "application/json" }
  if tokens then
    local token = tokens[next_index]
    if token == nil then token = "exhausted" end
    next_index = next_index + step
    headers["Authorization"] = "Bearer " .. token
  end
  return wrk.format("POST", nil, headers, body)
end

-- Loops whose bodies allocate until the collector's threshold: the trace must leave at
-- its next loop edge so the interpreter collects, and memory stays bounded. A loop that
-- does not allocate checks only its budget; weak tables show the collections happened.
-- jv: [TRACE * 20_loop_allocates_past_gc.lua:10 loop]
-- jv: [TRACE * 20_loop_allocates_past_gc.lua:25 loop]
collectgarbage()
local base = collectgarbage("count")
local weak = setmetatable({}, { __mode = "k" })
local maxkb = 0
for i = 1, 100000 do
  local t = { i }
  weak[t] = i
  if i % 1000 == 0 then
    local kb = collectgarbage("count") - base
    if kb > maxkb then maxkb = kb end
  end
end
local left = 0
for _ in pairs(weak) do left = left + 1 end
print("tables bounded", maxkb < 20000, "weak entries collected", left < 100000)

-- Strings only (CAT), nothing stored.
local maxs = 0
local len = 0
for i = 1, 100000 do
  local s = "item" .. i .. "/" .. (i * 3)
  len = len + #s
  if i % 1000 == 0 then
    local kb = collectgarbage("count") - base
    if kb > maxs then maxs = kb end
  end
end
print("strings bounded", maxs < 20000, len)

-- A loop that allocates nothing after an allocation burst: the result is unaffected.
local arr = {}
for i = 1, 1000 do arr[i] = i end
local sum = 0
for r = 1, 50 do
  for i = 1, 1000 do sum = sum + arr[i] end
end
print(sum)

-- Stopped collector: allocation proceeds, restart collects.
collectgarbage("stop")
local w2 = setmetatable({}, { __mode = "v" })
for i = 1, 5000 do w2[i] = { i } end
local kept = 0
for i = 1, 5000 do if w2[i] then kept = kept + 1 end end
print("stopped kept", kept)
collectgarbage("restart")
collectgarbage()
kept = 0
for i = 1, 5000 do if w2[i] then kept = kept + 1 end end
print("after restart", kept)

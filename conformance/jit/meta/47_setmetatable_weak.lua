-- A weak-keyed table made on trace (`setmetatable({}, {__mode = "k"})`): the collector
-- sees the metatable the trace stored and drops the dead keys.
-- jv: [TRACE   1 47_setmetatable_weak.lua:7 loop]
local weak = {__mode = "k"}
local keep = {}
local caches = {}
for i = 1, 100 do
  local c = setmetatable({}, weak)
  local k1, k2 = {}, {}
  c[k1], c[k2] = 1, 2
  keep[i] = k1
  caches[i] = c
end
collectgarbage()
collectgarbage()
local alive = 0
for i = 1, 100 do
  for _ in pairs(caches[i]) do alive = alive + 1 end
end
print(alive, getmetatable(caches[50]) == weak)

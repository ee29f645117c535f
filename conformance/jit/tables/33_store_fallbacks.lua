-- Stores that cannot be made in place leave the machine-code path: a new key (the
-- table grows while the loop runs), a key absent from a table with a metatable
-- (__newindex applies), a nil slot under a metatable, and a metatable whose
-- metamethod name is deleted and stored again with a variable key (the negative
-- metamethod cache must forget it).
-- jv: [TRACE * 33_store_fallbacks.lua:15 loop]
-- jv: [TRACE * 33_store_fallbacks.lua:25 loop]
-- jv: [TRACE * 33_store_fallbacks.lua:40 loop]
local keys = {}
for i = 1, 400 do keys[i] = "n" .. i end

-- New keys, one per iteration: every store inserts, and the table rehashes.
local g = {}
local total = 0
for i = 1, 400 do
  g[keys[i]] = i
  g[i + 0.25] = i
  total = total + g[keys[i]] + g[i + 0.25]
end
print(total)

-- A table with __newindex: present keys are stored in place, absent ones call it.
local calls = 0
local o = setmetatable({ n1 = 0, n2 = 0 }, { __newindex = function(t, k, v) calls = calls + 1 end })
for i = 1, 300 do
  local k = keys[(i % 4) + 1]
  o[k] = i
  if i == 150 then rawset(o, "n1", nil) end
end
print(calls, o.n1, o.n2, rawget(o, "n3"))

-- The negative metamethod cache: __index is looked up while absent (a dead entry of
-- the metatable), then stored again with a variable key; later lookups must see it.
local f = function() return "via index" end
local mt = { __index = f, x = 1 }
mt.__index = nil
local obj = setmetatable({}, mt)
local names = { "__index", "x" }
local seen = {}
for i = 1, 200 do
  seen[#seen + 1] = tostring(obj.field)
  local k = names[(i % 2) + 1]
  if i % 40 < 20 then mt[k] = f else mt[k] = nil end
end
print(table.concat(seen, ",", 1, 6), seen[19], seen[20], seen[21], seen[22], seen[41], seen[42], seen[200])

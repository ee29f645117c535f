-- Loads with variable string keys walk the hash chain in machine code: keys found at
-- their main position and further down a chain, absent keys (nil), dead entries (a key
-- whose value was removed), a table with __index (a nil there leaves the trace), and
-- a table that grows while the loop reads it (every rehash moves the nodes).
-- jv: [TRACE * 30_string_key_lookup.lua:16 loop]
-- jv: [TRACE * 30_string_key_lookup.lua:26 loop]
-- jv: [TRACE * 30_string_key_lookup.lua:32 loop]
local keys = {}
for i = 1, 300 do keys[i] = "k" .. i end
local t = {}
for i = 1, 300, 3 do t[keys[i]] = i end
for i = 1, 300, 9 do t[keys[i]] = nil end

local s, miss = 0, 0
for r = 1, 10 do
  for i = 1, 300 do
    local v = t[keys[i]]
    if v then s = s + v else miss = miss + 1 end
  end
end
print(s, miss)

-- __index supplies what the table lacks.
local d = setmetatable({ k1 = 1000 }, { __index = function(_, k) return #k end })
local q = 0
for i = 1, 200 do q = q + d[keys[(i % 20) + 1]] end
print(q)

-- The table grows (new keys) while another loop reads it (a short one: unrolled).
local g = {}
local found = 0
for i = 1, 300 do
  g[keys[i]] = i
  for j = i, 1, -37 do
    if g[keys[j]] == j then found = found + 1 end
  end
end
print(found)

-- Non-string keys of the same table go through the helper.
local mixed = { [1.5] = "a", k2 = "b", [true] = "c" }
local ks = { 1.5, "k2", true, "k3", 2.5 }
local out = {}
for i = 1, 50 do
  local v = mixed[ks[(i % 5) + 1]]
  out[#out + 1] = v or "-"
end
print(table.concat(out, "", 1, 10))

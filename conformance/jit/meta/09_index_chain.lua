-- An __index chain: table -> table -> function. Each step is a raw lookup guarded to
-- miss, then the function at the end is called with the table that holds it.
-- jv: [TRACE   4 09_index_chain.lua:13 loop]
-- jv: [TRACE   5 (4/*) 09_index_chain.lua:14 -> 4]
local seen
local base = setmetatable({}, {__index = function(tb, k) seen = tb return "f" .. k end})
local mid = setmetatable({m = "mid"}, {__index = base})
local top = setmetatable({t = "top"}, {__index = mid})
local keys = {}
for i = 1, 100 do keys[i] = (i % 3 == 0) and "t" or (i % 3 == 1) and "m" or "z" end
local out = {}
local n = 0
for i = 1, 100 do
  local v = top[keys[i]]
  n = n + #v
end
print(n, seen == base)

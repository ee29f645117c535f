-- A metamethod's results: only the first is used; none is nil; a comparison takes the
-- truthiness of whatever it returns (0 and "" are true, nil false).
-- jv: [TRACE * 30_mm_results.lua:13 loop]
-- jv: [TRACE * (*) 30_mm_results.lua:8 -> *]
local M = {}
M.__add = function(a, b) return b, b * 100, b * 1000 end
M.__sub = function(a, b) end
M.__lt = function(a, b) if a.k % 3 == 0 then return 0 elseif a.k % 3 == 1 then return nil end return "" end
local xs = {}
for i = 1, 120 do xs[i] = setmetatable({k = i}, M) end
local y = setmetatable({k = 0}, M)
local s, nils, lts = 0, 0, 0
for i = 1, 120 do
  local x = xs[i]
  s = s + (x + i)
  if (x - 1) == nil then nils = nils + 1 end
  if x < y then lts = lts + 1 end
end
print(s, nils, lts)

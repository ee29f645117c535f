-- __lt that differs between the operands is an error ("attempt to compare two table
-- values"); with one shared it is called. Both inside one traced loop.
-- jv: [TRACE   1 39_lt_different_mms.lua:12 loop]
local lt = function(a, b) return a.v < b.v end
local A = {__lt = lt}
local B = {__lt = function(a, b) return true end}
local a1, a2 = setmetatable({v = 1}, A), setmetatable({v = 2}, A)
local b1 = setmetatable({v = 0}, B)
local n = 0
local errs = 0
local last
for i = 1, 150 do
  if a1 < a2 then n = n + 1 end
  if i % 50 == 0 then
    local ok, e = pcall(function() return a1 < b1 end)
    if not ok then errs = errs + 1 last = e end
  end
end
print(n, errs, last)

-- __lt and __le as conditions: the metamethod's result decides the branch, which the
-- trace guards through the result's type.
-- jv: [TRACE * 04_lt_le.lua:12 loop]
-- jv: [TRACE * (*) 04_lt_le.lua:6 -> *]
local C = {}
C.__lt = function(a, b) return a.k < b.k end
C.__le = function(a, b) return a.k <= b.k end
local objs = {}
for i = 1, 200 do objs[i] = setmetatable({k = i % 7}, C) end
local pivot = setmetatable({k = 3}, C)
local lt, le, gt, ge = 0, 0, 0, 0
for i = 1, 200 do
  local o = objs[i]
  if o < pivot then lt = lt + 1 end
  if o <= pivot then le = le + 1 end
  if o > pivot then gt = gt + 1 end
  if o >= pivot then ge = ge + 1 end
end
print(lt, le, gt, ge)

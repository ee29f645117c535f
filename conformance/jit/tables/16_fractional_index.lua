-- A non-integral index is no array slot even when it lies inside the array part: the
-- trace recorded with integral indexes leaves when one comes along.
-- jv: [TRACE * 16_fractional_index.lua:7 loop]
-- jv: [TRACE * 16_fractional_index.lua:10 loop]
local cp = dofile("../fixtures/checkpoint.lua")
local t = {}
for i = 1, 100 do t[i] = i end
t[2.5] = "half"
local s, h = 0, 0
for i = 1, 300 do
  local k = (i % 100) + 1
  if i % 37 == 0 then k = 2.5 end
  local v = t[k]
  if type(v) == "number" then s = s + v else h = h + 1 end
  if i == 259 then cp("frac") end
end
print(s, h)

-- unpack with a fixed number of results in a hot loop: stitched, its results taken
-- through the stack.
-- jv: [TRACE   1 12_unpack_fixed.lua:7 stitch unpack]
-- jv: [TRACE   2 (1/stitch) 12_unpack_fixed.lua:8 -> 1]
local t = {3, 5, 7}
local s = 0
for i = 1, 250 do
  local a, b, c = unpack(t)
  s = s + a * i + b - c
end
print(s)

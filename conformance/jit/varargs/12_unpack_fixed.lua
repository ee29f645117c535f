-- unpack with a fixed number of results in a hot loop: recorded as loads, its bounds
-- (the table's length) guarded.
-- jv: [TRACE   1 12_unpack_fixed.lua:6 loop]
local t = {3, 5, 7}
local s = 0
for i = 1, 250 do
  local a, b, c = unpack(t)
  s = s + a * i + b - c
end
print(s)

-- Two independent branches, each hot: a side trace of the root for the first; the
-- second branch is then met on both paths, so it exits from the side trace and from
-- the root trace, and each exit grows its own side trace.
-- jv: [TRACE   1 06_two_sides.lua:9 loop]
-- jv: [TRACE   2 (1/*) 06_two_sides.lua:10 -> 1]
-- jv: [TRACE   3 (2/*) 06_two_sides.lua:11 -> 1]
-- jv: [TRACE   4 (1/*) 06_two_sides.lua:11 -> 1]
local x, y, z = 0, 0, 0
for i = 1, 1200 do
  if i % 3 == 0 then x = x + 1 end
  if i % 5 == 0 then y = y + 1 end
  z = z + 1
end
print(x, y, z)

-- Two independent branches, each hot: side traces of the root for the first; the
-- second branch is then met on both paths, so it exits from a side trace and from
-- the root trace, and each exit grows its own side trace. The root loop is peeled, so
-- each guard has an exit in the pre-roll and one in the loop proper (as in LuaJIT),
-- and both grow side traces.
-- jv: [TRACE   1 06_two_sides.lua:11 loop]
-- jv: [TRACE   2 (1/*) 06_two_sides.lua:12 -> 1]
-- jv: [TRACE   4 (1/*) 06_two_sides.lua:13 -> 1]
-- jv: [TRACE   5 (2/*) 06_two_sides.lua:13 -> 1]
local x, y, z = 0, 0, 0
for i = 1, 1200 do
  if i % 3 == 0 then x = x + 1 end
  if i % 5 == 0 then y = y + 1 end
  z = z + 1
end
print(x, y, z)

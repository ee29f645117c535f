-- Yields carrying several values and resumes passing several back, taken at fixed
-- counts on both sides.
-- jv: [TRACE   1 14_yield_many_values.lua:14 stitch coroutine.resume]
-- jv: [TRACE   2 14_yield_many_values.lua:8 stitch coroutine.yield]
-- jv: [TRACE   3 (1/stitch) 14_yield_many_values.lua:15 -> 1]
-- jv: [TRACE   4 (2/stitch) 14_yield_many_values.lua:9 -> 2]
local co = coroutine.create(function(a, b)
  for i = 1, 250 do
    a, b = coroutine.yield(a + b, a - b, i)
  end
  return a, b
end)
local s1, s2, s3 = 0, 0, 0
for i = 1, 250 do
  local ok, x, y, z = coroutine.resume(co, i, i % 9)
  s1, s2, s3 = s1 + x, s2 + y, s3 + z
end
print(s1, s2, s3, coroutine.resume(co, 1, 2))
print(coroutine.status(co))

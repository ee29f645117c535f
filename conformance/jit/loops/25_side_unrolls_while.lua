-- A side trace enters a short interpreted `while` loop (three iterations, hot only
-- through the side trace) and unrolls it within `loopunroll`.
-- jv: [TRACE   1 25_side_unrolls_while.lua:7 loop]
-- jv: [TRACE   2 (1/*) 25_side_unrolls_while.lua:8 -> 1]
if jit and jit.opt then jit.opt.start("hotloop=400", "hotexit=3") end
local s = 0
for i = 1, 3000 do
  if i % 20 == 0 then
    local n = 3
    while n > 0 do s = s + n n = n - 1 end
  end
  s = s + i % 3
end
print(s)

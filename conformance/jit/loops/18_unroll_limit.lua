-- A side trace entering an inner loop that has no trace (hotloop is high here) unrolls
-- it, but only `loopunroll` times: then the recording gives up.
-- jv: [TRACE   1 18_unroll_limit.lua:7 loop]
-- jv: [TRACE --- (1/*) 18_unroll_limit.lua:8 -- loop unroll limit reached at 18_unroll_limit.lua:9]
if jit and jit.opt then jit.opt.start("hotloop=300", "hotexit=2", "loopunroll=5") end
local s = 0
for i = 1, 4000 do
  if i % 50 == 0 then
    for j = 1, 9 do s = s + j end
  end
  s = s + 1
end
print(s)

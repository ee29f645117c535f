-- A short inner loop (two iterations) never loops back in a trace of its own: after
-- its recordings kept aborting for leaving it, the outer loop's root trace unrolls it.
-- jv: [TRACE --- 17_unroll_short_inner.lua:7 -- leaving loop in root trace at 17_unroll_short_inner.lua:6]
-- jv: [TRACE   1 17_unroll_short_inner.lua:6 loop]
local s = 0
for i = 1, 2000 do
  for j = 1, 2 do
    s = s + i * j % 7
  end
end
print(s)

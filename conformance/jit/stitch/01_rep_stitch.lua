-- string.rep is not recorded: the loop's trace ends with a stitch at the call, the
-- interpreter runs it, and a stitched trace carries on after it and links back.
-- jv: [TRACE   1 01_rep_stitch.lua:6 stitch string.rep]
-- jv: [TRACE   2 (1/stitch) 01_rep_stitch.lua:7 -> 1]
local n = 0
for i = 1, 300 do
  local s = string.rep("ab", i % 5)
  n = n + #s + i
end
print(n)

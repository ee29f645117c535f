-- Side traces link into a compiled inner loop at its FORI with bounds that change every
-- outer iteration, negative and fractional steps, and some zero-trip entries.
-- jv: [TRACE   1 19_link_fori_steps.lua:11 loop]
-- jv: [TRACE   2 19_link_fori_steps.lua:15 loop]
-- jv: [TRACE   3 (1/*) 19_link_fori_steps.lua:11 -> 2]
-- jv: [TRACE   4 (2/*) 19_link_fori_steps.lua:15 -> 1]
local cp = dofile("../fixtures/checkpoint.lua")
local s = 0
for i = 1, 120 do
  local hi = i % 9 - 1
  for x = 7.5, hi, -0.75 do
    s = s + x * 2
    if i == 100 and x == 4.5 then cp("x " .. x) end
  end
  for y = -i, -i - (i % 4) * 1.5, -0.5 do s = s - y end
end
print(s)

-- An `ipairs` inner loop (ITERL) traces; side traces link to it at its JITERL, with a
-- different array in every outer iteration.
-- jv: [TRACE   3 22_link_ipairs.lua:16 loop]
-- jv: [TRACE   4 (3/*) 22_link_ipairs.lua:16 stitch ipairs]
-- jv: [TRACE   5 (4/stitch) 22_link_ipairs.lua:16 -> 3]
local cp = dofile("../fixtures/checkpoint.lua")
local arrs = {}
for k = 1, 5 do
  local a = {}
  for v = 1, 60 + k do a[v] = v * k end
  arrs[k] = a
end
local s = 0
for i = 1, 100 do
  local a = arrs[i % 5 + 1]
  for idx, v in ipairs(a) do
    s = s + v % 9
    if i == 90 and idx == 30 then cp("ipairs " .. idx) end
  end
end
print(s)

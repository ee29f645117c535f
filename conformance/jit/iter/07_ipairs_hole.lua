-- ipairs stops at the first nil; the loop after the hole is never entered.
-- jv: [TRACE   2 07_ipairs_hole.lua:8 loop]
local t = {}
for i = 1, 300 do t[i] = i end
t[250] = nil
local last, s = 0, 0
for r = 1, 2 do
  for i, v in ipairs(t) do last = i; s = s + v end
end
print(last, s)

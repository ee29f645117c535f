-- ipairs loops trace: ITERL closes the loop, ipairs' iterator is recorded; the end of
-- the array (no value) is a guard exit.
-- jv: [TRACE   2 01_ipairs.lua:8 loop]
local t = {}
for i = 1, 200 do t[i] = i * 3 end
local s = 0
for r = 1, 3 do
  for i, v in ipairs(t) do s = s + i * v end
end
print(s)

-- The inner loop gets hot first; the outer loop cannot be a root trace around it.
-- jv: [TRACE   1 04_nested.lua:6 loop]
-- jv: [TRACE --- 04_nested.lua:5 -- inner loop in root trace at 04_nested.lua:6]
local s = 0
for i = 1, 100 do
  for j = 1, 100 do
    s = s + i * j
  end
end
print(s)

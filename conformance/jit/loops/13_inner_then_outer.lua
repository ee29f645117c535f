-- Nested loops: the inner loop becomes hot first; recording the outer loop's body
-- meets the inner loop and aborts with its reason.
-- jv: [TRACE   1 13_inner_then_outer.lua:7 loop]
-- jv: [TRACE --- 13_inner_then_outer.lua:6 -- inner loop in root trace*]
local s = 0
for i = 1, 100 do
  for j = 1, 100 do
    s = s + i * j % 11
  end
end
print(s)

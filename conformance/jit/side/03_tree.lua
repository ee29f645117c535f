-- Several levels of side traces (side traces of side traces) in one tree.
local s = 0
for i = 1, 3000 do
  if i % 2 == 0 then
    if i % 3 == 0 then s = s + 3 elseif i % 5 == 0 then s = s + 5 else s = s + 2 end
  else
    s = s - 1
  end
end
print(s)
-- jv: [TRACE   1 03_tree.lua:3 loop]
-- jv: [TRACE   2 (1/5) 03_tree.lua:4 -> 1]
-- jv: [TRACE   3 (2/1) 03_tree.lua:5 -> 1]
-- jv: [TRACE   4 (3/1) 03_tree.lua:5 -> 1]

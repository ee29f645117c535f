-- A branch taken every fourth iteration: its exit becomes hot and a side trace forms
-- from it, linking back to the root trace.
-- jv: [TRACE   1 05_hot_exit_side.lua:6 loop]
-- jv: [TRACE   2 (1/*) 05_hot_exit_side.lua:7 -> 1]
local a, b = 0, 0
for i = 1, 1000 do
  if i % 4 == 0 then
    a = a + i
  else
    b = b + 1
  end
end
print(a, b)

-- A branch taken often enough makes its exit hot: a side trace starts there and
-- links back to the loop's root trace.
local a, b = 0, 0
for i = 1, 1000 do
  if i % 4 == 0 then
    a = a + i
  else
    b = b + 1
  end
end
print(a, b)
-- jv: [TRACE   1 01_branch.lua:4 loop]
-- jv: [TRACE   2 (1/5) 01_branch.lua:5 -> 1]

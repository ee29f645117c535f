-- Nested numeric loops with break in the inner loop.
local out = ""
for i = 1, 4 do
  for j = 1, 4 do
    if j > i then break end
    out = out .. i .. j .. " "
  end
end
print(out)

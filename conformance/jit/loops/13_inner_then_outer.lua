-- Nested loops: the inner loop becomes hot first; the side trace of its exit
-- crosses the outer loop's FORL into its next iteration and links to the inner loop.
-- jv: [TRACE   1 13_inner_then_outer.lua:7 loop]
-- jv: [TRACE   2 (1/*) 13_inner_then_outer.lua:7 -> 1]
local s = 0
for i = 1, 100 do
  for j = 1, 100 do
    s = s + i * j % 11
  end
end
print(s)

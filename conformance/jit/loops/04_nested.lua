-- The inner loop gets hot first; its exit's side trace runs the next outer iteration
-- and links back to the inner loop's trace at its FORI (the outer loop gets none).
-- jv: [TRACE   2 (1/*) 04_nested.lua:6 -> 1]
local s = 0
for i = 1, 100 do
  for j = 1, 100 do
    s = s + i * j
  end
end
print(s)

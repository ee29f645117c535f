-- The inner loop traces first; its exit's side trace links back to it at the next FORI.
-- jv: [TRACE   1 04_nested.lua:6 loop]
-- jv: [TRACE   2 (1/*) 04_nested.lua:6 -> 1]
local s = 0
for i = 1, 100 do
  for j = 1, 100 do
    s = s + i * j
  end
end
print(s)

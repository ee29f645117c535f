-- A `while` inner loop (LOOP) traces; the side trace of its exit runs the outer body,
-- crosses the outer FORL and links to it at its JLOOP.
-- jv: [TRACE   1 20_link_while.lua:9 loop]
-- jv: [TRACE   2 (1/*) 20_link_while.lua:9 -> 1]
local cp = dofile("../fixtures/checkpoint.lua")
local s = 0
for i = 1, 200 do
  local n = i % 11 + 40
  while n > 0 do
    s = s + n % 5
    n = n - 1
    if i == 150 and n == 20 then cp("while " .. n) end
  end
  s = s + i
end
print(s)

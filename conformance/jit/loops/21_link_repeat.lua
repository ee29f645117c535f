-- A `repeat ... until` inner loop (LOOP) traces and side traces link to it.
-- jv: [TRACE   1 21_link_repeat.lua:9 loop]
-- jv: [TRACE   2 (1/*) 21_link_repeat.lua:13 -> 1]
local cp = dofile("../fixtures/checkpoint.lua")
local s, i = 0, 0
while i < 150 do
  i = i + 1
  local n = 50 + i % 3
  repeat
    s = s + n % 7
    n = n - 2
    if i == 120 and n == 10 then cp("repeat " .. n) end
  until n <= 0
end
print(s, i)

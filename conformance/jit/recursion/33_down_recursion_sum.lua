-- Down-recursion: the additions of a list sum happen as the calls return. The return
-- that ends the base case's trace is hot; the trace recorded from it returns into the
-- caller and reaches the other return, where a trace restarts that returns frame after
-- frame and closes as down-recursion. Exits at that return enter it.
-- jv: [TRACE * 33_down_recursion_sum.lua:7 up-recursion]
-- jv: [TRACE * 33_down_recursion_sum.lua:9 down-recursion]
local function sum(t, i)
  if i > #t then return 0 end
  return t[i] + sum(t, i + 1)
end
local t = {}
for i = 1, 100 do t[i] = i end
local s = 0
for j = 1, 100 do s = s + sum(t, 1) end
print(s, sum(t, 50), sum(t, 101))

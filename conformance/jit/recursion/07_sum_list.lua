-- Sum of a list by non-tail recursion: the additions happen as the calls return, below
-- the frames the up-recursive trace made; returns from the trace's start frame are left
-- to the interpreter (`return`).
-- jv: [TRACE * 07_sum_list.lua:6 up-recursion]
-- jv: [TRACE * (2/*) 07_sum_list.lua:7 return]
local function sum(t, i)
  if i > #t then return 0 end
  return t[i] + sum(t, i + 1)
end
local t = {}
for i = 1, 200 do t[i] = i * 3 end
local s = 0
for j = 1, 60 do s = s + sum(t, j) end
print(s, sum(t, 1), sum(t, 201))

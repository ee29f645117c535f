-- Three nested loops: the innermost traces; side traces cross the middle and outer
-- loops' FORLs and FORIs back into it.
-- jv: [TRACE   1 26_three_levels.lua:10 loop]
-- jv: [TRACE   2 (1/*) 26_three_levels.lua:10 -> 1]
-- jv: [TRACE   3 (2/*) 26_three_levels.lua:9 -> 1]
local cp = dofile("../fixtures/checkpoint.lua")
local s = 0
for a = 1, 12 do
  for b = 1, 10 do
    for c = 1, 60 do
      s = s + (a * b + c) % 7
      if a == 11 and b == 9 and c == 59 then cp("abc") end
    end
    s = s + b
  end
  s = s - a
end
print(s)

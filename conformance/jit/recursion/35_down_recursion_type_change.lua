-- Results that change type on the way back up (a string appears at one level): the
-- down-recursive trace's guard fails there and the interpreter finishes the returns.
-- (lua5.1 differs: its message names the operand, "field '?'".)
local function join(t, i)
  if i > #t then return 0 end
  local r = join(t, i + 1)
  return t[i] + r
end
local t = {}
for i = 1, 80 do t[i] = i end
local s = 0
for j = 1, 60 do s = s + join(t, 1) end
print(s)
t[40] = "x"
print(pcall(join, t, 1))
t[40] = 40
print(join(t, 1), join(t, 41))

-- For t[i] LuaJIT names no variable; lua5.1 says field '?'.
-- Runtime errors inside loops report the line in the body.
local t = {1, 2, "three", 4}
print(pcall(function()
  local s = 0
  for i = 1, #t do
    s = s + t[i] * 2
  end
  return s
end))
print(pcall(function()
  local i = 0
  while true do
    i = i + 1
    if i > 3 then return i.x end
  end
end))

-- Every common strftime conversion on a fixed UTC time (C locale).
local t = 1234567890
for _, c in ipairs({"a", "A", "b", "B", "c", "d", "H", "I", "j", "m", "M", "p", "S", "U", "w", "W", "x", "X", "y", "Y", "%"}) do
  print(c, os.date("!%" .. c, t))
end

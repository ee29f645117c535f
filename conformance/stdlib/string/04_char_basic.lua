-- string.char builds strings from byte values.
print(string.char(72, 105))
print(string.char() == "")
print(#string.char(0, 0, 0))
print(string.char(97, "98", 99.0))
local t = {}
for i = 32, 126 do t[#t + 1] = string.char(i) end
print(table.concat(t))
print(string.char(255):byte())
print(string.byte(string.char(0, 10, 13, 200), 1, -1))

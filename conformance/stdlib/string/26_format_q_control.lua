-- lua5.1's %q keeps most control characters raw.
-- %q of every control character, checked by reading the result back.
local all = {}
for i = 0, 31 do all[#all + 1] = string.char(i) end
local s = table.concat(all)
local q = string.format("%q", s)
print(#q)
print(loadstring("return " .. q)() == s)
for i = 0, 31 do io.write(string.format("%q", string.char(i)), " ") end
print()
print(string.format("%q", "\0009"))

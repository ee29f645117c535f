-- string.lower and string.upper only change ASCII letters.
print(string.lower("Hello WORLD 123"))
print(string.upper("Hello world 123"))
print(string.upper("a\0b") == "A\0B")
print(string.lower("\200\255ABC") == "\200\255abc")
print(("MiXeD"):lower(), ("MiXeD"):upper())
print(string.upper(12))
print(pcall(string.upper))
print(pcall(string.lower, nil))
local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
local s = table.concat(all)
local changed = 0
local up = s:upper()
for i = 1, 256 do if up:byte(i) ~= s:byte(i) then changed = changed + 1 end end
print(changed)

-- gmatch with patterns that can match the empty string.
local t = {}
for m in string.gmatch("abc", "x*") do t[#t + 1] = "[" .. m .. "]" end
print(table.concat(t))
t = {}
for m in string.gmatch("a,b,,c", "([^,]*)") do t[#t + 1] = "<" .. m .. ">" end
print(table.concat(t))
t = {}
for m in string.gmatch("", ".*") do t[#t + 1] = "(" .. m .. ")" end
print(#t, t[1])

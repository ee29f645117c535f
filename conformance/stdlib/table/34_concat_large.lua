-- table.concat of many elements.
local t = {}
for i = 1, 10000 do t[i] = i % 10 end
local s = table.concat(t)
print(#s, s:sub(1, 12), s:sub(-5))
print(#table.concat(t, ", "))

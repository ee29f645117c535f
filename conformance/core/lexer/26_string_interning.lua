-- Equal strings built in different ways are the same value (also as table keys).
local a = "hello"
local b = "hel" .. "lo"
local c = "\104\101\108\108\111"
print(a == b, b == c, rawequal(a, c))
local t = {}
t[a] = 1
print(t[b], t[c], t["hello"])
local k = ""
for i = 1, 3 do k = k .. "x" end
t[k] = "three"
print(t.xxx)

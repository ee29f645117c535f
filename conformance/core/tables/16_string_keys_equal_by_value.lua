-- String keys built at runtime find entries made with literals.
local t = {hello = 1}
local key = "hel" .. "lo"
print(t[key])
local parts = {"h", "e", "l", "l", "o"}
local k2 = ""
for i = 1, #parts do k2 = k2 .. parts[i] end
print(t[k2])

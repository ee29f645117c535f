-- tostring of non-numbers: booleans, nil, strings; tables/functions show a type prefix.
print(tostring(nil), tostring(true), tostring(false), tostring("str"))
local t = tostring({})
local f = tostring(print)
print(type(t), type(f))
print(pcall(tostring))

-- load calls the reader until it returns nil or an empty string.
local parts = {"return ", "1 ", "+ ", "41"}
local i = 0
local f = load(function() i = i + 1 return parts[i] end)
print(f())
local j = 0
local g = load(function() j = j + 1 if j == 1 then return "return 'first'" end return "" end)
print(g())
print(load(function() return nil end, "=empty")())

-- Tables store values under any non-nil, non-NaN key.
local t = {10, 20, 30, x = "ex", [true] = "yes", [1.5] = "float"}
print(t[1], t[2], t[3], t.x, t[true], t[1.5], t[4])
local k = {}
t[k] = "table key"
t[print] = "function key"
print(t[k], t[print], t[{}])

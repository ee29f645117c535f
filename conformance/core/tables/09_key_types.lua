-- Booleans, strings and numbers are distinct keys.
local t = {}
t[true] = 1 t["true"] = 2 t[1] = 3 t["1"] = 4 t[false] = 5
print(t[true], t["true"], t[1], t["1"], t[false], t[0])

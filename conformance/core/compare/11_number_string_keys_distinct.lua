-- 1 and "1" are different keys; 1 and 1.0 are the same key.
local t = {}
t[1] = "number"
t["1"] = "string"
t[1.0] = "float"
print(t[1], t["1"])

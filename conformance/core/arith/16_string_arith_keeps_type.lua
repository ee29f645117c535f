-- Coerced strings remain strings; only the result of arithmetic is a number.
local s = "10"
local n = s + 0
print(type(s), type(n), s == n, s == "10", n == 10)
local t = {}
t[s] = "string key"
t[n] = "number key"
print(t["10"], t[10])

-- -0 and 0 are the same key.
local t = {}
t[0] = "zero"
print(t[-0.0])
t[-0.0] = "negative zero"
print(t[0])
local n = 0
for _ in pairs(t) do n = n + 1 end
print(n)

-- Storing nil removes a key; reading a missing key gives nil.
local t = {a = 1, b = 2}
t.a = nil
print(t.a, t.b)
local n = 0
for _ in pairs(t) do n = n + 1 end
print(n)
t.c = nil
print(t.c)

-- Numeric literals written differently denote the same key.
local t = {}
t[1] = "one"
print(t[1.0], t[0x1], t[1e0], t[10e-1])
t[0x10] = "sixteen"
print(t[16], t[16.0])

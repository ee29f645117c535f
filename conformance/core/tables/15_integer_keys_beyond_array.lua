-- Sparse integer keys, negative and huge keys.
local t = {}
t[-5] = "neg" t[0] = "zero" t[1e9] = "big" t[2^52] = "huge"
print(t[-5], t[0], t[1e9], t[2^52], t[1])

-- Integer-valued float keys are the same as integer keys.
local t = {}
t[1.0] = "a"
t[2] = "b"
print(t[1], t[2.0], t[2^0])
t[2^53] = "big"
print(t[9007199254740992])
t[-1.0] = "neg"
print(t[-1])

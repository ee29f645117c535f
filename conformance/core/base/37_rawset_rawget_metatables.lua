-- rawset/rawget with various key types, errors for bad keys.
local t = {}
rawset(t, 1, "one")
rawset(t, "k", "v")
rawset(t, true, "bool")
print(rawget(t, 1), rawget(t, "k"), rawget(t, true), rawget(t, 2))
print(pcall(rawset, t, nil, 1))
print(pcall(rawget, t))

-- NaN cannot be a key: storing errors, reading gives nil; nil key errors on store.
local t = {}
print(pcall(function() t[0/0] = 1 end))
print(t[0/0])
print(pcall(function() t[nil] = 1 end))
print(t[nil])
print(pcall(rawset, t, 0/0, 1))
print(pcall(rawset, t, nil, 1))

-- next on empty tables, array and hash parts, and invalid keys.
print(next({}))
local t = {"a"}
print(next(t))
print(next(t, 1))
print(pcall(next, t, 2))
print(pcall(next))
print(pcall(next, {}, nil))

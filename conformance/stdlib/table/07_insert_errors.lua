-- table.insert argument errors and out-of-range positions (LuaJIT does not check the range).
-- lua5.1 behaves the same for out-of-range positions.
print(pcall(table.insert))
print(pcall(table.insert, {}))
print(pcall(table.insert, {}, 1, 2, 3))
print(pcall(table.insert, "x", 1))
print(pcall(table.insert, {}, "a", 1))
local t = {1, 2}
print(pcall(table.insert, t, 5, "far"))
print(#t == 2 or #t == 5, t[5])
local u = {1, 2}
print(pcall(table.insert, u, 0, "zero"))
print(u[0], u[1], u[2], u[3])
local v = {1}
print(pcall(table.insert, v, -1, "neg"))
print(v[-1], v[1])

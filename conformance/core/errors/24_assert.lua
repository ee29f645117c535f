-- LuaJIT passes a non-string assert message through unchanged (lua5.1 converts it).
-- assert returns all its arguments on success; errors with its message or "assertion failed!".
print(assert(1, "unused", 3))
print(pcall(assert, false))
print(pcall(assert, nil, "custom message"))
print(pcall(assert, false, 42))
local t = {}
local ok, e = pcall(assert, false, t)
print(ok, e == t)
print(pcall(assert))

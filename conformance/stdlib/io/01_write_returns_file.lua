-- io.write and file:write return true in LuaJIT 2.1's default (Lua 5.1) mode; the file is
-- only returned when LuaJIT is built with Lua 5.2 compatibility.
local r = io.write("a", "b", 1, 2.5, "\n")
print(r)
local f = io.tmpfile()
print(f:write("x", 1), select("#", f:write()))
f:close()
print(select("#", io.write()))
print(pcall(io.write, {}))
print(pcall(io.write, true))
print(pcall(io.write, nil))

-- LuaJIT 2.1 accepts formats without the '*'.
-- lua5.1 requires the '*'.
local f = io.tmpfile()
f:write("12 line\nall")
f:seek("set")
print(f:read("n"))
print(f:read("l"))
print(f:read("a"))
f:close()

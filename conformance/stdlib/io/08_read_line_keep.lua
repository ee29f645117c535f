-- read("*L") keeps the newline (LuaJIT 2.1).
-- lua5.1 does not know "*L".
local f = io.tmpfile()
f:write("a\nb")
f:seek("set")
print(string.format("%q", f:read("*L")))
print(string.format("%q", f:read("*L")))
print(f:read("*L"))
f:close()

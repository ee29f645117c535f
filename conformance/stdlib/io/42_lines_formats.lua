-- file:lines with formats (LuaJIT 2.1 passes them to read).
-- lua5.1 ignores the formats.
local f = io.tmpfile()
f:write("1 2 3 4")
f:seek("set")
for a, b in f:lines("*n", "*n") do print(a, b) end
f:close()

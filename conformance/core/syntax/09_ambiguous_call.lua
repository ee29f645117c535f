-- A call's ( on a new line is ambiguous in Lua 5.1 (LuaJIT keeps the 5.1 check).
local function try(src) local f, err = loadstring(src) print(err) end
try("local a = f\n(g)()")
print(type(loadstring("local a = f(g)()")))
print(type(loadstring("local a = f;(g)()")))

-- LuaJIT extension: lua5.1 has no goto, so its output differs.
-- Labels must be unique within a function's visible blocks.
local function try(src) local f, err = loadstring(src) print(err) end
try("::a:: ::a::")
try("::a:: do ::a:: end")
print(type(loadstring("do ::a:: end do ::a:: end")))
print(type(loadstring("::a:: local function f() ::a:: end")))

-- LuaJIT extension: lua5.1 has no goto, so its output differs.
-- goto may not jump into the scope of a local.
local function try(src) local f, err = loadstring(src) print(err) end
try("goto f\nlocal x = 1\n::f::\nprint(x)")
try("do goto l end\nlocal a\n::l::\na = 1")
-- jumping to a label at the end of a block, after locals, is allowed
print(type(loadstring("do goto e\nlocal x = 1\n::e:: end")))

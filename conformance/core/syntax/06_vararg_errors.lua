-- ... outside a vararg function.
local function try(src) local f, err = loadstring(src) print(err) end
try("function f() return ... end")
try("local function g(a) local t = {...} end")
print(type(loadstring("return ...")))
print(type(loadstring("function h(...) return function(...) return ... end end")))

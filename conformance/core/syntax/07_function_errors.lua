-- Parameter lists and function names.
local function try(src) local f, err = loadstring(src) print(err) end
try("function f(1) end")
try("function f(a,) end")
try("function f(..., a) end")
try("function (a) end")
try("function a.b:c.d() end")
try("local function a.b() end")
try("function f(a b) end")

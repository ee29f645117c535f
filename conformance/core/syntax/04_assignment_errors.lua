-- Only variables can be assigned to; call statements need a call.
local function try(src) local f, err = loadstring(src) print(err) end
try("1 = 2")
try("f() = 1")
try("x")
try("x.y")
try("(x)")
try("a, b")
try("a, f() = 1, 2")
try("'s' = 1")

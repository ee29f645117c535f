-- Syntax errors report the line of the offending token.
local function try(src) local f, err = loadstring(src) print(err) end
try("local a = 1\nlocal b = 2\nlocal c = = 3")
try("\n\n\n\n\nx = ")
try("f(\n1,\n2,\n")
try("x = [[\n\n\n")
try("x = 'abc\n'")

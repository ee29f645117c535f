-- "'X' expected" errors, some naming the line of the opening token.
local function try(src) local f, err = loadstring(src) print(err) end
try("if x then")
try("if x then\n\n\nelse")
try("while true do x()")
try("function f()\nreturn 1")
try("local t = {1, 2")
try("f(1, 2")
try("for i = 1 do end")
try("for i 1, 2 do end")
try("repeat x = 1")
try("local t = {a = }")

-- local declarations.
local function try(src) local f, err = loadstring(src) print(err) end
try("local")
try("local x.y = 1")
try("local x, = 1")
try("local function end")
try("local function f")
try("local x = ")

-- Semicolons: optional separators, but not empty statements in Lua 5.1.
local function try(src) local f, err = loadstring(src) print(err) end
print(type(loadstring("x = 1; y = 2;")))
try(";")
try("x = 1;;")
try("local t = {1;;2}")
print(type(loadstring("local t = {1;2;}")))

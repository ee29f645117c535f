-- Parenthesised expressions cannot be statements, but can be called or indexed.
local function try(src) local f, err = loadstring(src) print(err) end
try("(f)")
try("(1)()")
print(type(loadstring("(f)()")))
print(type(loadstring("(t).x = 1")))
print(type(loadstring("(f)():g()")))
print(type(loadstring("('x'):len()")))

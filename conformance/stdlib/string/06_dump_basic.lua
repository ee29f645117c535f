-- lua5.1: load() does not accept a string (it wants a reader function).
-- string.dump returns a binary chunk that load can run again (only its behaviour is printed).
local function add(a, b) return a + b end
local d = string.dump(add)
print(type(d), #d > 0)
print(d:sub(1, 1) == "\27")
local f = loadstring(d)
print(type(f), f(2, 3))
local g = load(string.dump(function(...) return select("#", ...) end))
print(g(1, nil, 3))

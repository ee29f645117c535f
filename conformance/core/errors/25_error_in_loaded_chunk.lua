-- Errors inside loadstring chunks and the functions they define.
local f = loadstring("local function inner() error('deep') end\nreturn function() inner() end")()
print(pcall(f))
local g = loadstring("return function(t) return t.a.b end", "=lib")()
print(pcall(g, {}))

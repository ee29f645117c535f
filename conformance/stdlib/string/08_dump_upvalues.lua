-- A dumped function with upvalues gets fresh (nil) upvalues when loaded.
local x = 10
local function f() return x end
local g = loadstring(string.dump(f))
print(f())
print(pcall(g))
local function h(a) return a * 2 end
print(loadstring(string.dump(h))(21))

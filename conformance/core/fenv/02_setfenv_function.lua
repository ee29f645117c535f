-- setfenv changes where a function's global accesses go.
local function f() return x, y end
x = "global x"
local env = {x = "env x"}
print(f())
print(setfenv(f, env) == f)
print(f())
print(x)

-- LuaJIT has no implicit local "arg" table in vararg functions (lua5.1's compat mode has
-- one), so arg there is the global command-line table, whose [0] is the script name.
local function f(...)
  return arg == _G.arg, type(arg)
end
print(f(1, 2))
print(arg[0], #arg)
local g = loadstring("return select('#', ...)")
print(g(1, 2, 3))

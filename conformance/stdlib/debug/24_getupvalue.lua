-- debug.getupvalue lists upvalue names and values.
local a, b = 1, "two"
local function f() return a, b end
print(debug.getupvalue(f, 1))
print(debug.getupvalue(f, 2))
print(select("#", debug.getupvalue(f, 3)))
print(select("#", debug.getupvalue(f, 0)))
print(pcall(debug.getupvalue, 1, 1))

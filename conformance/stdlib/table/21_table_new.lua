-- require "table.new" returns LuaJIT's table.new; the table it makes is empty.
-- lua5.1 has no table.new module.
local new = require("table.new")
print(type(new), new == table.new)
local t = new(10, 5)
print(type(t), #t, next(t))
t[1] = "a"; t.x = "b"
print(#t, t[1], t.x)
local u = new(0, 0)
print(next(u))
print(pcall(new))
print(pcall(new, "x", 1))

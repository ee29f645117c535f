-- require "table.clear" empties a table in place.
-- lua5.1 has no table.clear module.
local clear = require("table.clear")
print(type(clear), clear == table.clear)
local t = {1, 2, 3, x = 1, y = 2}
local same = t
clear(t)
print(next(t), #t, same == t)
t[1] = "again"
print(#t, t[1])
print(pcall(clear))
print(pcall(clear, "x"))

-- For t[1] (a constant non-string key) LuaJIT names no variable; lua5.1 says field '?'.
-- Arithmetic errors name the operand's kind: local, global, field, upvalue, constant.
local l
local up
local t = {}
print(pcall(function() return l + 1 end))
print(pcall(function() return undefined_global * 2 end))
print(pcall(function() return t.missing - 1 end))
print(pcall(function() return up / 2 end))
t.y = "str"
print(pcall(function() return t.y % 2 end))
print(pcall(function() return 1 + t[1] end))

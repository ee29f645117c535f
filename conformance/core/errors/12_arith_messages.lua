-- Arithmetic errors name the variable when it is a local, upvalue, global or field.
local t = {y = "text", n = 1}
local up = {}
print(pcall(function() return t.y + 1 end))
print(pcall(function() return 1 + t.z end))
print(pcall(function() local a = {} return a * 2 end))
print(pcall(function() return up - 1 end))
print(pcall(function() return g_nil ^ 2 end))
print(pcall(function() return -t end))
print(pcall(function() return t.n + t.y end))

-- Lua 5.1 (and LuaJIT without 5.2 compatibility) ignores __len on tables.
local t = setmetatable({1, 2, 3}, {__len = function() return 100 end})
print(#t)

-- Built-in functions report bad arguments with their name when called from Lua code. In a
-- tail call ("return f()") the caller's frame is gone, so the name is unknown: '?'.
-- (lua5.1 finds the name in the tail call case too, and its ipairs asks for a table.)
print(pcall(function() local r = setmetatable(1, {}) return r end))
print(pcall(function() local r = tonumber() return r end))
print(pcall(function() local r = ipairs() return r end))
print(pcall(function() local r = rawget({}) return r end))
print(pcall(function() local r = select() return r end))
print(pcall(function() local r = tostring() return r end))
print(pcall(function() local r = unpack() return r end))
print(pcall(function() local r = setmetatable({}, 1) return r end))
print(pcall(function() return setmetatable(1, {}) end))

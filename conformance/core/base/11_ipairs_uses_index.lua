-- LuaJIT's ipairs reads with raw access (5.1 semantics): __index is not consulted.
local t = setmetatable({}, {__index = function(t, i) if i <= 3 then return i * 10 end end})
local n = 0
for i, v in ipairs(t) do n = n + 1 end
print(n)

-- A strict mode: __index/__newindex on the globals table catch undeclared globals.
local declared = {}
local mt = {
  __newindex = function(t, k, v) declared[k] = true rawset(t, k, v) end,
  __index = function(t, k) if not declared[k] then error("undeclared global '" .. k .. "'", 2) end end,
}
setmetatable(_G, mt)
new_var = 1
print(new_var)
print(pcall(function() return not_declared end))
new_var = nil
print(new_var)
setmetatable(_G, nil)
print(not_declared)

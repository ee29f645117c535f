-- lua5.1 has no nparams/isvararg fields.
-- debug.getinfo on a Lua function object (all fields except func printed sorted).
local function f(a, b, ...)
  return a
end
local info = debug.getinfo(f)
local keys = {}
for k, v in pairs(info) do
  if k ~= "func" and k ~= "activelines" then keys[#keys + 1] = k .. "=" .. tostring(v) end
end
table.sort(keys)
print(table.concat(keys, "\n"))
print(info.func == f)

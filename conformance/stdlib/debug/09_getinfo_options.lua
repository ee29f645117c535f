-- lua5.1's 'u' only fills nups.
-- Each option letter fills only its own fields.
local function f() end
for _, opt in ipairs({"n", "S", "l", "u", "f", "L", ""}) do
  local i = debug.getinfo(f, opt)
  local keys = {}
  for k in pairs(i) do keys[#keys + 1] = k end
  table.sort(keys)
  print(string.format("%q", opt), table.concat(keys, " "))
end

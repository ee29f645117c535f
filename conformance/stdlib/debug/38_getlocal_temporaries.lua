-- Locals out of scope are not listed; names come back as scopes open.
local function names()
  local out = {}
  local n = 1
  while true do
    local name = debug.getlocal(2, n)
    if not name then break end
    if name:sub(1, 1) ~= "(" then out[#out + 1] = name end
    n = n + 1
  end
  return table.concat(out, ",")
end
local function f()
  local a = 1
  do
    local b = 2
    print(names())
  end
  local c = 3
  print(names())
end
f()

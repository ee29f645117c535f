-- Line events across calls: the hook sees lines of every Lua function entered.
local lines = {}
local function add(a, b)
  return a + b
end
local function twice(x)
  local y = add(x, x)
  return add(y, 1)
end
debug.sethook(function(_, l) lines[#lines + 1] = l end, "l")
local r = twice(5)
debug.sethook()
print(r)
print(table.concat(lines, " "))

-- Runtime errors report the line of the failing operation.
local function f(t)
  local a = 1
  local b = 2
  return a +
    b +
    t.x.y
end
print(pcall(f, {}))
local ok, e = pcall(function()
  local x = {}

  x.y.z = 1
end)
print(ok, e)

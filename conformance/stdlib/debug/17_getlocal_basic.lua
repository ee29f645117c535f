-- debug.getlocal lists parameters and locals in order.
local function f(a, b)
  local c = a + b
  local d = "dee"
  local n = 1
  while true do
    local name, value = debug.getlocal(1, n)
    if not name then break end
    if type(value) ~= "number" or name ~= "n" then print(n, name, value) end
    n = n + 1
  end
end
f(1, 2)
print((debug.getlocal(1, 1)))
print(debug.getlocal(1, 100))

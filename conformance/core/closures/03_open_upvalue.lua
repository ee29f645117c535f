-- While the enclosing function runs, the closure and the function see the same variable.
local function f()
  local x = 1
  local function inc() x = x + 1 end
  inc()
  print("after inc", x)
  x = 10
  inc()
  print("after second inc", x)
  return function() return x end
end
local g = f()
print(g())

-- Arithmetic metamethods, with the table on either side.
local mt = {}
local function V(x) return setmetatable({x = x}, mt) end
mt.__add = function(a, b)
  local ax = type(a) == "table" and a.x or a
  local bx = type(b) == "table" and b.x or b
  return V(ax + bx)
end
mt.__sub = function(a, b) return "sub" end
mt.__mul = function(a, b) return "mul" end
mt.__div = function(a, b) return "div" end
mt.__mod = function(a, b) return "mod" end
mt.__pow = function(a, b) return "pow" end
print((V(1) + V(2)).x, (V(1) + 10).x, (10 + V(1)).x)
print(V(1) - 1, 1 * V(1), V(1) / V(2), V(1) % 2, 2 ^ V(1))

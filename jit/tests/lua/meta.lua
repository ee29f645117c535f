-- metamethods with Lua 5.1's rules
local V = {}
V.__index = V
V.__add = function(a, b) return setmetatable({x = a.x + b.x}, V) end
V.__sub = function(a, b) return setmetatable({x = a.x - b.x}, V) end
V.__mul = function(a, b)
  if type(a) == "number" then return setmetatable({x = a * b.x}, V) end
  return setmetatable({x = a.x * b}, V)
end
V.__unm = function(a) return setmetatable({x = -a.x}, V) end
V.__eq = function(a, b) return a.x == b.x end
V.__lt = function(a, b) return a.x < b.x end
V.__le = function(a, b) return a.x <= b.x end
V.__concat = function(a, b)
  local sa = type(a) == "table" and "V" .. a.x or a
  local sb = type(b) == "table" and "V" .. b.x or b
  return sa .. sb
end
V.__tostring = function(v) return "V(" .. v.x .. ")" end
V.__call = function(self, y) return self.x + y end
V.__len = function() return 99 end
function V.get(self) return self.x end
local function new(x) return setmetatable({x = x}, V) end
local a, b = new(1), new(2)
print((a + b).x, (a - b).x, (a * 3).x, (3 * a).x, (-a).x)
print(a == b, a == new(1), a ~= new(1), a < b, a <= b, a > b, a >= b)
print(a .. "!", "!" .. a, a .. b, 1 .. a)
print(tostring(a), a(10), a:get(), #a)
-- __le falls back to not __lt(b, a)
local L = {__lt = function(x, y) return x.v < y.v end}
local p, q = setmetatable({v = 1}, L), setmetatable({v = 2}, L)
print(p <= q, q <= p, p >= q)
-- __eq needs the same metamethod on both sides
local E1 = {__eq = function() return true end}
local E2 = {__eq = function() return true end}
print(setmetatable({}, E1) == setmetatable({}, E1), setmetatable({}, E1) == setmetatable({}, E2))
-- __index / __newindex chains
local base = {greet = "hi"}
local mid = setmetatable({}, {__index = base})
local top = setmetatable({}, {__index = mid})
print(top.greet, top.nothing)
local log = {}
local proxy = setmetatable({}, {__newindex = function(t, k, v) rawset(t, k, v * 2); log[#log + 1] = k end})
proxy.a = 1; proxy.a = 5
print(proxy.a, #log)
local store = {}
local fwd = setmetatable({}, {__newindex = store, __index = store})
fwd.k = "v"
print(rawget(fwd, "k"), store.k, fwd.k)
-- __metatable protection
local prot = setmetatable({}, {__metatable = "locked"})
print(getmetatable(prot), pcall(setmetatable, prot, {}))
-- arithmetic metamethods on strings that do not convert
print(pcall(function() return "abc" + 1 end))
-- rawequal / rawget bypass
print(rawequal(a, new(1)), rawget(top, "greet"))

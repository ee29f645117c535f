-- ffi.metatype: arithmetic, comparison, __len, __tostring, __concat, __call, __index
-- (table and function), __newindex, __new (ctype calls only), __gc, protection.
local ffi = require "ffi"
ffi.cdef [[
typedef struct { double x, y; } vec2;
typedef struct { int n; } counter;
]]
local V
local mt = {
  __add = function(a, b) return V(a.x + b.x, a.y + b.y) end,
  __sub = function(a, b) return V(a.x - b.x, a.y - b.y) end,
  __mul = function(a, k) return V(a.x * k, a.y * k) end,
  __unm = function(a) return V(-a.x, -a.y) end,
  __eq = function(a, b) return a.x == b.x and a.y == b.y end,
  __lt = function(a, b) return a:len() < b:len() end,
  __le = function(a, b) return a:len() <= b:len() end,
  __len = function(a) return 2 end,
  __tostring = function(a) return "vec2(" .. a.x .. ", " .. a.y .. ")" end,
  __concat = function(a, b) return tostring(a) .. "|" .. tostring(b) end,
  __call = function(a, k) return a.x * k end,
  __index = {
    len = function(a) return math.sqrt(a.x * a.x + a.y * a.y) end,
    kind = "vector",
  },
}
V = ffi.metatype("vec2", mt)
local a, b = V(3, 4), V(1, 2)
print(tostring(a + b), tostring(a - b), tostring(a * 2), tostring(-a))
print(a == V(3, 4), a == b, a ~= b, b < a, a <= b, #a, a(10))
print(a:len(), a.kind, a.x, tostring(a), a .. b)
local pa = ffi.new("vec2[1]", {{5, 12}})
local p = ffi.cast("vec2 *", pa)
print(p:len(), p.x, tostring(p[0]))
print(pcall(ffi.metatype, "vec2", {}))
local log = {}
local C = ffi.metatype("counter", {
  __new = function(ct, n) log[#log + 1] = "new" .. n; return ffi.new(ct, n * 10) end,
  __newindex = function(o, k, v) log[#log + 1] = "set " .. k .. "=" .. tostring(v) end,
  __index = function(o, k) return "missing " .. k end,
})
local c = C(4)
print(c.n, c.zzz, ffi.new("counter", 3).n)
c.n = 5; c.other = 7
print(c.n, table.concat(log, ","))
local gclog = {}
ffi.cdef "typedef struct { int id; } res;"
local R = ffi.metatype("res", { __gc = function(r) gclog[#gclog + 1] = r.id end })
do local r1, r2 = R(1), R(2) end
collectgarbage() collectgarbage()
table.sort(gclog)
print(#gclog, gclog[1], gclog[2])

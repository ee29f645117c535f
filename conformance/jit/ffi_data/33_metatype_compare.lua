-- Metatype __eq, __lt and __le on trace: the branch follows the metamethod's
-- result. As in LuaJIT, __eq of a struct sees every comparison with it: with the
-- same object, a string constant and nil too.
local ffi = require("ffi")
ffi.cdef[[ typedef struct { int32_t k; } key_t; ]]
local eqs = 0
local K = ffi.metatype("key_t", {
  __eq = function(a, b) eqs = eqs + 1 return type(b) == "cdata" and a.k == b.k end,
  __lt = function(a, b) return a.k < b.k end,
  __le = function(a, b) return a.k <= b.k end,
})
local a, b, c = K(1), K(2), K(1)
local n = 0
for i = 1, 200 do
  b.k = i % 3
  if a == c then n = n + 1 end
  if a == a then n = n + 2 end
  if a ~= b then n = n + 4 end
  if a < b then n = n + 8 end
  if a <= b then n = n + 16 end
  if a > b then n = n + 32 end
  if a >= b then n = n + 64 end
  if a == "k" then n = n + 128 end
  if a ~= nil then n = n + 256 end
end
print(n, eqs)
-- jv: [TRACE   * 33_metatype_compare.lua:14 loop]

-- Which function types a Lua function can become a callback of (LuaJIT's rules): a
-- fixed list of at most 16 parameters, each a scalar of at most 8 bytes (integers,
-- bool, float, double, enums, pointers; arrays decay to pointers), and such a result or
-- void. Aggregates by value, complex, long double and varargs are refused with
-- "cannot convert 'function' to ...".
local ffi = require "ffi"
ffi.cdef [[typedef struct cbt_pair { int a, b; } cbt_pair;]]
for _, t in ipairs {
  "int (*)(cbt_pair)", "cbt_pair (*)(int)", "cbt_pair *(*)(cbt_pair *)", "int (*)(int, ...)",
  "complex (*)(int)", "int (*)(complex float)", "void (*)()", "bool (*)(bool)", "int64_t (*)(uint64_t)",
  "float (*)(float, double)", "int (*)(int[3])", "void (*)(void)", "char (*)(char)",
  "int (*)(struct { int x; } *)", "const char *(*)(const char *)",
} do
  local ok, r = pcall(ffi.cast, t, function() end)
  print(t, ok, ok and tostring(ffi.typeof(r)) or r)
end
local function sig(ty, n)
  local ps = {}
  for i = 1, n do ps[i] = ty end
  return "void (*)(" .. table.concat(ps, ", ") .. ")"
end
for _, ty in ipairs { "int", "double", "float", "int64_t", "void *" } do
  print(ty, pcall(ffi.cast, sig(ty, 16), function() end) and "16 ok", pcall(ffi.cast, sig(ty, 17), print))
end

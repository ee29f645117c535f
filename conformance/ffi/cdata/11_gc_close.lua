-- Finalizers at state close (lua_close): every pending ffi.gc and metatype __gc
-- finalizer runs, even for reachable cdata, before the __gc of userdata (newest first);
-- an error in one is dropped and the others still run. The cdata finalizers' own order is
-- unspecified in LuaJIT (hash order), so they only add to a sum the userdata print.
local ffi = require "ffi"
ffi.cdef [[typedef struct gc_close_obj { int id; } gc_close_obj;]]
local Obj = ffi.metatype("gc_close_obj", { __gc = function(o) sum = sum + o.id * 1000 end })
sum = 0
keep = {}
for i = 1, 5 do
  keep[#keep + 1] = ffi.gc(ffi.new("int[1]", i), function(x) sum = sum + x[0] end)
end
keep[#keep + 1] = ffi.gc(ffi.new("int[1]"), function() error("dropped") end)
keep[#keep + 1] = ffi.gc(ffi.new("int[1]", 100), function(x) sum = sum + x[0] end)
keep[#keep + 1] = Obj(7)
keep[#keep + 1] = Obj(8)
local removed = ffi.gc(ffi.new("int[1]", 10000), function(x) sum = sum + x[0] end)
ffi.gc(removed, nil)
keep[#keep + 1] = removed
for i = 1, 3 do
  local u = newproxy(true)
  getmetatable(u).__gc = function() print("userdata", i, sum) end
  keep[#keep + 1] = u
end
collectgarbage()
print("end of chunk", sum)

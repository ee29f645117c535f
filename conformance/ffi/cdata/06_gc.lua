-- ffi.gc finalizers run once when the cdata becomes unreachable; ffi.gc(x, nil) removes them.
local ffi = require "ffi"
local log = {}
do
  local a = ffi.gc(ffi.new("int[4]"), function(x) log[#log + 1] = "a" .. ffi.sizeof(x) end)
  print(pcall(ffi.gc, ffi.new("int"), print))
  print(pcall(ffi.gc, 1LL, print))
  local b = ffi.gc(ffi.new("int[1]"), function() log[#log + 1] = "b" end)
  ffi.gc(b, nil)
  local c = ffi.new("struct { double d; }")
  print(ffi.gc(c, print) == c)
  ffi.gc(c, nil)
end
collectgarbage()
collectgarbage()
print(#log, log[1])

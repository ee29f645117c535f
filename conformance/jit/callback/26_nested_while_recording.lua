-- C -> Lua -> C -> Lua on every iteration of a loop being recorded: the outer
-- callback's C call calls back again (the inner callback runs with the recording still
-- suspended), with checkpoints in both callbacks in the iterations recorded at the
-- default and the stress threshold, and once the loop runs as a trace.
-- jv: [TRACE   2 26_nested_while_recording.lua:28 loop]
local ffi = require "ffi"
local H = ffi.load(TWIN_FFI_HELPER or os.getenv("TWIN_FFI_HELPER"))
ffi.cdef [[
typedef int32_t (*twin_cb_int)(int32_t);
int32_t twin_cb_call_now(twin_cb_int cb, int32_t x);
int32_t twin_cb_call_n(twin_cb_int cb, int32_t n, int32_t x);
]]
local cp = dofile("../fixtures/checkpoint.lua")
local watch = { [2] = true, [57] = true, [95] = true }
local depth = 0
local inner = ffi.cast("twin_cb_int", function(x)
  if watch[x] then cp("inner " .. x .. " depth " .. depth) end
  return x * 2
end)
local outer = ffi.cast("twin_cb_int", function(x)
  depth = depth + 1
  local r = H.twin_cb_call_now(inner, x) + H.twin_cb_call_n(inner, 2, x)
  if watch[x] then cp("outer " .. x .. " r " .. r) end
  depth = depth - 1
  return r
end)
local s = 0
for i = 1, 100 do
  s = s + H.twin_cb_call_now(outer, i)
end
print(s, depth)
inner:free()
outer:free()

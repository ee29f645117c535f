-- Inside a callback during a recording: an error caught by pcall in the callback (the
-- recording resumes), and a yield from a callback run in a coroutine (not allowed
-- across the C call: the error reaches the coroutine's resume and the recording ends).
-- jv: [TRACE --- 29_pcall_and_yield_in_callback.lua:21 -- error thrown or yield attempted in a callback at 29_pcall_and_yield_in_callback.lua:22]
-- jv: [TRACE   1 29_pcall_and_yield_in_callback.lua:21 loop]
local ffi = require "ffi"
local H = ffi.load(TWIN_FFI_HELPER or os.getenv("TWIN_FFI_HELPER"))
ffi.cdef [[
typedef int32_t (*twin_cb_int)(int32_t);
int32_t twin_cb_call_now(twin_cb_int cb, int32_t x);
]]
local caught, yield_at = 0, 57
local cb = ffi.cast("twin_cb_int", function(x)
  local ok, e = pcall(error, "inner " .. x)
  if not ok then caught = caught + 1 end
  if x == yield_at then coroutine.yield(x) end
  return x % 5
end)
local function run()
  local s = 0
  for i = 1, 100 do
    s = s + H.twin_cb_call_now(cb, i)
  end
  return s
end
for round = 1, 3 do
  local co = coroutine.create(run)
  print(round, coroutine.resume(co))
  print(caught, coroutine.status(co))
  yield_at = round == 1 and 2 or 90
end
yield_at = -1
print(pcall(run))
cb:free()

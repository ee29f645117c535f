-- The frames below a callback that bailed a trace: every level through the C call, with
-- the locals of the inlined helper and of the loop, as the interpreter has them.
-- jv: [TRACE   1 21_frames_below_callback.lua:40 loop]
local ffi = require "ffi"
local H = ffi.load(TWIN_FFI_HELPER or os.getenv("TWIN_FFI_HELPER"))
ffi.cdef [[
typedef int32_t (*twin_cb_int)(int32_t);
void twin_cb_store(twin_cb_int cb);
int32_t twin_cb_call_stored(int32_t x);
]]
local function walk(tag)
  local out = { tag }
  for level = 2, 12 do
    local info = debug.getinfo(level, "nSl")
    if not info then break end
    local parts = { info.what, tostring(info.name), info.currentline }
    if info.what == "Lua" or info.what == "main" then
      local i = 1
      while true do
        local name, v = debug.getlocal(level, i)
        if not name then break end
        if name:sub(1, 1) ~= "(" and type(v) ~= "function" and type(v) ~= "table" and type(v) ~= "cdata" and type(v) ~= "userdata" then parts[#parts + 1] = name .. "=" .. tostring(v) end
        i = i + 1
      end
    end
    out[#out + 1] = "  " .. table.concat(parts, " ")
  end
  print(table.concat(out, "\n"))
end
local cb = ffi.cast("twin_cb_int", function(x)
  if x % 10 == 0 then walk("cb " .. x) end
  return x + 1
end)
local function helper(k, bias)
  local doubled = k * 2
  local r = H.twin_cb_call_stored(k)
  return r + doubled + bias
end
local total = 0
for i = 1, 100 do
  if i == 80 then H.twin_cb_store(cb) end
  local v = helper(i, 7)
  total = total + v
end
print(total)

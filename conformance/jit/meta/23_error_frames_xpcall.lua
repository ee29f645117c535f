-- The frames at the point of an error raised in a metamethod called from a trace, seen
-- by an xpcall handler: the metamethod's frame (with its locals), the loop's frame and
-- the protected function, as in the interpreter.
-- jv: [TRACE   1 23_error_frames_xpcall.lua:13 loop]
local M = {__index = function(t, key)
  local bad = key * 2
  if key == 180 then error("no key " .. key) end
  return bad
end}
local obj = setmetatable({}, M)
local function loop()
  local sum = 0
  for i = 1, 200 do sum = sum + obj[i] end
  return sum
end
local function handler(e)
  for level = 2, 8 do
    local info = debug.getinfo(level, "nSl")
    if not info then break end
    local locals = {}
    if info.what ~= "C" then
      local i = 1
      while true do
        local name, v = debug.getlocal(level, i)
        if not name then break end
        if name:sub(1, 1) ~= "(" then locals[#locals + 1] = name .. "=" .. tostring(type(v) == "number" and v or type(v)) end
        i = i + 1
      end
    end
    print(level, info.what, info.currentline, table.concat(locals, " "))
  end
  return "handled: " .. e
end
print(xpcall(loop, handler))

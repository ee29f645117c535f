-- An error raised while a native's call into Lua is being set up (the callee is not
-- callable) belongs to that native's call: unwinding must not run past it into the
-- frames of the Lua code around it.
local function handler(e) return "handled: " .. tostring(e) end
local bad = setmetatable({}, {__tostring = {}})
print(pcall(tostring, bad))
print(xpcall(function() return tostring(bad) end, handler))
print(pcall(string.gsub, "abc", "%w", setmetatable({}, {__index = function(t, k) return tostring(bad) end})))
-- An xpcall handler is a temporary of xpcall's frame.
local function g()
  local name, h = debug.getlocal(2, 1)
  print(name, h == handler, debug.getlocal(2, 2))
  error("boom")
end
print(xpcall(g, handler))
-- A pcall frame holds no temporaries.
print(pcall(function() local n = debug.getlocal(2, 1) return n end))
-- Huge local numbers are simply out of range.
local function v(...)
  print(debug.getlocal(1, -2^63), debug.getlocal(1, 2^63), debug.getlocal(1, -2^53))
  print(debug.setlocal(1, -2^63, 1), debug.setlocal(1, 2^53, 1), debug.getlocal(1, -2))
end
v(1, 2)

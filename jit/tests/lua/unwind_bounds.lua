-- A debug.setlocal that replaces an xpcall handler (a temporary of xpcall's frame)
-- with a non-function: the error then fails in the handler, and unwinding stays
-- within the handler's own call.
local function handler(e) return "handled: " .. e end
local function g()
  local name, h = debug.getlocal(2, 1)
  print(name, h == handler, debug.getlocal(2, 2))
  print(debug.setlocal(2, 1, "not a function"))
  error("boom")
end
print(xpcall(g, handler))
print(xpcall(function() debug.setlocal(2, 1, 42); local x = nil + 1 end, handler))
print(pcall(xpcall, function() debug.setlocal(2, 1, {}); error({}) end, handler))
-- A pcall frame holds no temporaries.
print(pcall(function() local n = debug.getlocal(2, 1) return n end))
-- Huge local numbers are simply out of range.
local function v(...)
  print(debug.getlocal(1, -2^63), debug.getlocal(1, 2^63), debug.getlocal(1, -2^53))
  print(debug.setlocal(1, -2^63, 1), debug.setlocal(1, 2^53, 1), debug.getlocal(1, -2))
end
v(1, 2)

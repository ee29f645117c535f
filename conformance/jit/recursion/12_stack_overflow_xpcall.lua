-- Stack overflow raised from a recursive trace under xpcall: the handler runs (with
-- the reserve stack) and its result comes back.
-- (lua5.1 differs: its message carries the position; LuaJIT's does not.)
-- jv: [TRACE * 12_stack_overflow_xpcall.lua:6 up-recursion]
local calls = 0
local function inf(a, b) calls = calls + 1; return inf(b, a + 1) + 1 end
local ok, msg = xpcall(function() return inf(1, 2) end, function(m) return "handled: " .. tostring(m) end)
print(ok, msg, calls > 1000)
local ok2, msg2 = xpcall(inf, function(m) return type(m) end, 3, 4)
print(ok2, msg2)

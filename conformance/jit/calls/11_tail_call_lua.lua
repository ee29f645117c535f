-- Tail calls between Lua functions inside the trace replace the inlined frame.
-- jv: [TRACE   1 11_tail_call_lua.lua:7 loop]
local function leaf(x, y) return x * y end
local function mid(x) return leaf(x, 3) end
local function top(x) return mid(x + 1) end
local s = 0
for i = 1, 400 do s = s + top(i) end
print(s)

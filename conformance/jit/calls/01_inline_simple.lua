-- Calls of small Lua functions are inlined into the loop's trace.
-- jv: [TRACE   1 01_inline_simple.lua:6 loop]
local function sq(x) local y = x * x; return y end
local function add(a, b) return a + b end
local s = 0
for i = 1, 500 do
  local q = sq(i)
  s = add(s, q)
end
print(s)

-- A branch inside an inlined callee gets hot: the side trace starts inside the callee's
-- frame (at the guarded condition) and returns through it.
-- jv: [TRACE   1 16_callee_side_trace.lua:12 loop]
-- jv: [TRACE   2 (1/*) 16_callee_side_trace.lua:6 -> 1]
local function f(x)
  if x % 3 == 0 then
    return x * 2
  end
  return x
end
local s = 0
for i = 1, 900 do s = s + f(i) end
print(s)

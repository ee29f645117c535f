-- Reads of closed upvalues (the defining function returned) on trace.
-- jv: [TRACE   1 01_closed_read.lua:6 loop]
local function make(k, name)
  return function(n)
    local s = 0
    for i = 1, n do s = s + k * i end
    return s, name
  end
end
local f = make(3, "three")
print(f(300))
print(f(100))

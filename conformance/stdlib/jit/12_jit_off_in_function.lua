-- jit.off(f) on a closure made repeatedly, and on the running function.
-- lua5.1 has no jit library.
local function make(k) return function(x) return x * k end end
local total = 0
for i = 1, 50 do
  local f = make(i)
  jit.off(f)
  total = total + f(2)
end
print(total)
local function self_off()
  jit.off(true)
  return "ok"
end
print(self_off())
jit.on(true)

-- Turning the JIT off and on around hot loops changes no results.
-- lua5.1 has no jit library.
local function work()
  local t = {}
  for i = 1, 300 do t[i] = (i * 7) % 13 end
  local s = 0
  for i = 1, #t do s = s + t[i] end
  return s
end
local a = work()
jit.off()
local b = work()
jit.on()
jit.flush()
local c = work()
print(a, b, c)

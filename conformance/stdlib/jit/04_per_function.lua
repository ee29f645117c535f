-- jit.on/off/flush per function (and recursively with true) leave results unchanged.
-- lua5.1 has no jit library.
local function f(n) local s = 0 for i = 1, n do s = s + i end return s end
jit.off(f)
print(f(100))
jit.on(f)
print(f(100))
jit.off(f, true)
jit.on(f, true)
jit.flush(f)
jit.flush(f, true)
print(f(1000))
jit.off(true, true)
jit.on(true, true)
print(f(10))

-- jit.on, jit.off and jit.flush can be called globally and return nothing.
-- lua5.1 has no jit library.
print(type(jit.on), type(jit.off), type(jit.flush))
print(select("#", jit.off()))
print(select("#", jit.on()))
print(select("#", jit.flush()))
jit.off()
local s = 0
for i = 1, 100 do s = s + i end
print(s)
jit.on()

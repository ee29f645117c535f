-- jit.on/off with a wrong argument type raise errors.
-- lua5.1 has no jit library.
print(pcall(jit.on, 1))
print(pcall(jit.off, "x"))
print(pcall(jit.flush, {}))

-- jit.status returns a boolean first; its value and other results are engine-specific and not
-- printed.
-- lua5.1 has no jit library.
print(type((jit.status())))
jit.off()
print(type((jit.status())))
jit.on()
print(type((jit.status())))

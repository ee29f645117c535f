-- jit.opt.start rejects unknown options.
-- lua5.1 has no jit library.
print(pcall(jit.opt.start, "nosuchflag"))
print(pcall(jit.opt.start, "+nosuchflag"))
print(pcall(jit.opt.start, "nosuchparam=5"))

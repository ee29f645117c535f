-- require "jit" returns the jit table.
-- lua5.1 has no jit library.
print(require("jit") == jit, package.loaded.jit == jit)
print(require("jit.opt") == jit.opt)

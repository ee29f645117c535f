-- jit.opt.start accepts optimisation levels, flags and parameters.
-- lua5.1 has no jit library.
print(type(jit.opt), type(jit.opt.start))
print(select("#", jit.opt.start()))
jit.opt.start(3)
jit.opt.start(0)
jit.opt.start("-fold", "+cse")
jit.opt.start("hotloop=56", "maxtrace=1000")
jit.opt.start(2, "-dce")
jit.opt.start(3)
print("options accepted")

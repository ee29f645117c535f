-- math library
for _, k in ipairs{"abs","ceil","floor","sqrt","sin","cos","tan","asin","acos","atan","exp","log","log10","deg","rad","sinh","cosh","tanh"} do
  local f = math[k]
  print(k, f(0.5), f(-0.5), f(2), f(-0), pcall(f, {}))
end
print(math.atan2(1, 2), math.atan2(-0, -1), math.pow(2, 10), math.fmod(7, 3), math.fmod(-7, 3), math.fmod(7, -3), math.fmod(1, 0), math.fmod(-6, 2))
print(math.modf(3.7), math.modf(-3.7), math.modf(1/0), math.modf(-1/0), math.modf(0/0))
print(math.frexp(8), math.frexp(0), math.frexp(-3), math.frexp(1/0), math.ldexp(0.5, 4), math.ldexp(1, 1024))
print(math.log(8, 2), math.log(100, 10), math.log(0), math.log(-1), math.log(8, 0), math.log(27, 3))
print(math.max(1, 5, 3), math.min(4, 2, 9), pcall(math.max), math.max(0/0, 1), math.max(1, 0/0), math.min(-0, 0))
print(math.huge, -math.huge, math.pi, math.mod)
math.randomseed(42) print(math.random(), math.random(10), math.random(5, 7))
math.randomseed(42) print(math.random())
print(pcall(math.random, 0), pcall(math.random, 2, 1), pcall(math.random, 1, 2, 3))
print(math.floor(-0.0), math.ceil(-0.5), math.abs(-0), math.floor(2^53+0.5), math.floor("3.5"))
print(pcall(math.floor, "x"), pcall(math.floor, {}))
print(math.fmod(5.5, 2), math.fmod(-0, 1), pcall(math.fmod, 1))
print(math.sqrt(-1), math.exp(1000), math.tan(1e300), math.deg("90"), pcall(math.rad, nil))
math.randomseed(7) print(pcall(math.random, "x"), math.random(2.5), pcall(math.random, 1, {}), math.random(10))

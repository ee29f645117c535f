-- One call of every math function, as a quick first check.
print(math.abs(-1), math.ceil(1.5), math.floor(1.5), math.max(1, 2), math.min(1, 2), math.sqrt(4))
print(math.fmod(5, 3), math.modf(1.5))
print(math.frexp(8))
print(math.ldexp(1, 3), math.pow(2, 3), math.exp(0), math.log(1), math.log10(100))
print(math.sin(0), math.cos(0), math.tan(0), math.asin(0), math.acos(1), math.atan(0), math.atan2(0, 1))
print(math.sinh(0), math.cosh(0), math.tanh(0), math.deg(0), math.rad(0))
math.randomseed(1)
print(math.random(1, 1))

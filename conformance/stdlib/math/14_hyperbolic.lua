-- sinh, cosh, tanh.
print(math.sinh(0), math.cosh(0), math.tanh(0))
print(string.format("%.14g %.14g %.14g", math.sinh(1), math.cosh(1), math.tanh(1)))
print(math.tanh(100), math.tanh(-100))
print(math.cosh(1000), math.sinh(-1000))
print(pcall(math.sinh))

-- modf and fmod on large and tiny values.
print(math.modf(2^60 + 0.0))
print(math.modf(1e-300))
print(math.fmod(2^60, 7), math.fmod(1e300, 3))
print(math.fmod(-0.5, 1))
print(math.fmod(5, 2.5), math.fmod(5.25, 0.5))

-- floor/ceil keep the sign of zero where the C functions do.
print(math.ceil(-0.5))
print(math.floor(-0.0))
print(1 / math.ceil(-0.5))
print(1 / math.floor(0.5))

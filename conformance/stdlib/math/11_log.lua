-- math.log with LuaJIT's optional base, and math.log10.
-- lua5.1 ignores the base argument.
print(math.log(1), math.log(math.exp(2)), math.log(0), math.log(math.huge))
print(math.log(8, 2), math.log(100, 10), math.log(27, 3), math.log(1, 5))
print(math.log(2, 2), math.log(1024, 2), math.log(0.5, 2))
print(math.log10(1000), math.log10(0.001), math.log10(1), math.log10(0))
print(math.log(-1) ~= math.log(-1), math.log10(-1) ~= math.log10(-1))
print(math.log(10, "10"))
print(pcall(math.log))
print(pcall(math.log, "x"))

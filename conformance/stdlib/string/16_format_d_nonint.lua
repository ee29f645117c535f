-- %d on non-integral numbers: LuaJIT truncates toward zero.
-- lua5.1 also truncates; its missing-argument message reads 'no value'.
print(string.format("%d", 3.7))
print(string.format("%d", -3.7))
print(string.format("%d", 0.5))
print(string.format("%d", -0.5))
print(string.format("%5.2d", 1.99))
print(pcall(string.format, "%d", "x"))
print(pcall(string.format, "%d", {}))
print(pcall(string.format, "%d"))

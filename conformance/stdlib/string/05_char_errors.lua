-- string.char rejects values outside 0..255 and non-numbers.
print(pcall(string.char, 256))
print(pcall(string.char, -1))
print(pcall(string.char, 65, 300))
print(pcall(string.char, "x"))
print(pcall(string.char, {}))
print(pcall(string.char, nil))
print(pcall(string.char, 65, nil))
print(pcall(string.char, 65.7))

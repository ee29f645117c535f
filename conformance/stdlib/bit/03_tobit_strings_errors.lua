-- Strings that are numbers are converted; other values raise errors.
-- lua5.1 has no bit library.
print(bit.tobit("10"), bit.tobit("0x10"), bit.tobit(" 7 "))
print(pcall(bit.tobit, "x"))
print(pcall(bit.tobit, {}))
print(pcall(bit.tobit))
print(pcall(bit.tobit, nil))
print(pcall(bit.band, 1, "y"))

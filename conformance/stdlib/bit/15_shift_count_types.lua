-- Shift counts are converted like other arguments (fractions round, strings convert).
-- lua5.1 has no bit library.
print(bit.lshift(1, 2.4), bit.lshift(1, 2.5), bit.lshift(1, 3.5))
print(bit.lshift(1, "3"))
print(pcall(bit.lshift, 1))
print(pcall(bit.lshift, 1, "x"))
print(pcall(bit.rol, nil, 1))

-- tohex of one value with every width from -8 to 8.
-- lua5.1 has no bit library.
for n = -8, 8 do io.write(bit.tohex(0x89abcdef, n), " ") end
print()

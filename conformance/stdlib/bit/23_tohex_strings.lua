-- tohex accepts numeric strings.
-- lua5.1 has no bit library.
print(bit.tohex("255"), bit.tohex("0xff", "-2"))
print(pcall(bit.tohex, "z"))
print(pcall(bit.tohex))

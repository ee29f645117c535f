-- lua5.1 converts "-11" in base 2 through an unsigned long (1.844674407371e+19).
-- tonumber with an explicit base.
print(tonumber("ff", 16), tonumber("FF", 16), tonumber("777", 8), tonumber("1010", 2))
print(tonumber("z", 36), tonumber("Z", 36), tonumber("10", 36))
print(tonumber("8", 8), tonumber("2", 2), tonumber("g", 16))
print(tonumber("  11  ", 2), tonumber("-11", 2), tonumber("", 10))
print(tonumber("7fffffff", 16), tonumber("ffffffff", 16))
print(tonumber(10, 16))
print(pcall(tonumber, "10", 1))
print(pcall(tonumber, "10", 37))
print(pcall(tonumber, "10", 99))
print(tonumber("1.5", 10), tonumber("0x10", 16), tonumber("0x10", 10))

-- lua5.1 parses "-11" in base 2 through an unsigned conversion (1.8e+19); LuaJIT gives -3.
-- tonumber with an explicit base parses integers in bases 2..36.
print(tonumber("ff", 16), tonumber("FF", 16), tonumber("777", 8), tonumber("101", 2))
print(tonumber("zz", 36), tonumber("Zz", 36), tonumber("10", 36))
print(tonumber("8", 8), tonumber("2", 2), tonumber("1.5", 10), tonumber("", 10))
print(tonumber("  11  ", 2), tonumber("-11", 2))
print(tonumber(" ", 10), tonumber("1 1", 2))
print(pcall(tonumber, "1", 1), pcall(tonumber, "1", 37))

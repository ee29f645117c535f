-- tonumber with a base: invalid digits give nil; non-string with base is an error.
print(tonumber("12", 2), tonumber("g", 16), tonumber("0x10", 16))
print(pcall(tonumber, 10, 16))
print(tonumber("7fffffff", 16), tonumber("100000000", 16))

-- Math functions coerce numeric strings and reject other strings.
print(math.sqrt("16"), math.floor(" 2.5 "), math.max("3", "20"))
print(math.sin("0"), math.fmod("7", "3"))
print(pcall(math.sqrt, "four"))
print(pcall(math.floor, nil))
print(pcall(math.abs, true))
print(math.floor("0x10"))

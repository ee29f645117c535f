-- pcall calling built-in functions directly.
print(pcall(type, nil))
print(pcall(tostring, 12))
print(pcall(rawlen_does_not_exist))
print(pcall(print, "printed inside pcall"))

-- string.find argument errors.
print(pcall(string.find))
print(pcall(string.find, "abc"))
print(pcall(string.find, "abc", {}))
print(pcall(string.find, "abc", "b", "x"))
print(pcall(string.find, nil, "b"))
print(string.find(12345, 34))
print(string.find("a1.5b", 1.5, 1, true))

-- string.sub argument errors and coercions.
print(pcall(string.sub))
print(pcall(string.sub, "abc"))
print(pcall(string.sub, "abc", "x"))
print(pcall(string.sub, "abc", 1, {}))
print(string.sub("abc", "2"))
print(string.sub("abc", 2, nil))
print(string.sub("a\0b\0c", 2, 4) == "\0b\0")

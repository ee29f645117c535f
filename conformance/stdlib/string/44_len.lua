-- lua5.1 says 'got no value' for string.len(); LuaJIT's fast function says 'got nil'.
-- string.len and the # operator on byte strings.
print(string.len(""))
print(string.len("abc"))
print(string.len("a\0b"))
print(#"\0\0\0")
print(string.len(12345))
print(string.len(1.5))
print(("xyz"):len())
print(pcall(string.len))
print(pcall(string.len, {}))
print(string.len(string.rep("ab", 1000)))

-- string.rep with LuaJIT's separator argument.
-- lua5.1 ignores the third argument.
print(string.rep("ab", 3, ","))
print(string.rep("ab", 1, ","))
print(string.rep("ab", 0, ",") == "")
print(string.rep("", 3, "-"))
print(string.rep("x", 4, ""))
print(string.rep("a", 3, "\0") == "a\0a\0a")
print(string.rep("a", 2, 12))
print(pcall(string.rep, "a", 2, {}))

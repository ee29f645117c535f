-- gsub argument errors.
print(pcall(string.gsub))
print(pcall(string.gsub, "a"))
print(pcall(string.gsub, "a", "a"))
print(pcall(string.gsub, "a", "a", true))
print(pcall(string.gsub, "a", "a", "b", "x"))
print(string.gsub(123, 2, 9))
print(string.gsub("abc", "b", 5))

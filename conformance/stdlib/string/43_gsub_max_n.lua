-- gsub's fourth argument limits the number of replacements.
for n = 0, 5 do print(n, string.gsub("a-b-c-d", "-", "+", n)) end
print(string.gsub("abc", "", "-", 2))
print(pcall(string.gsub, "abc", "b", "x", {}))

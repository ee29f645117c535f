-- Anchored gsub replaces at most once.
print(string.gsub("aaa", "^a", "b"))
print(string.gsub("hello", "^", ">"))
print(string.gsub("hello", "$", "<"))
print(string.gsub("  x  ", "^%s+", ""))
print(string.gsub("  x  ", "%s+$", ""))
print(string.gsub("abc", "^b", "X"))
print(string.gsub("a\nb", "^", "#"))

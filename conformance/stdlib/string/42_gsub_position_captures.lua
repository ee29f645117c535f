-- gsub with position captures: positions are numbers, converted in the replacement.
print(string.gsub("hello", "()l", "%1"))
print(string.gsub("abc", "()", "%1"))
print(string.gsub("abc", "()(.)", function(p, c) return c .. p end))
print(string.gsub("abc", "()", {[1] = "one", [3] = "three"}))

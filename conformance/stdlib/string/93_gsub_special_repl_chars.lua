-- Replacement strings containing pattern specials are literal except %.
print(("abc"):gsub("b", "."))
print(("abc"):gsub("b", "[]"))
print(("abc"):gsub("b", "$1"))
print(("abc"):gsub("b", "%%1"))
print(("abc"):gsub("b", "\0") == "a\0c")
print(("a.b"):gsub(".", {["."] = "dot"}))

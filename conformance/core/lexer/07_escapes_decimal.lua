-- lua5.1 has no \x escape and says "escape sequence too large" for \256.
-- \ddd takes up to three decimal digits.
print("\65\066\0671" == "ABC1")
print(#"\0", #"\00", #"\000", #"\0000")
print("\1234" == "{4")
print("\255" == "\xff")
print(#"a\0b\0c")
print("a\0b" == "a\0b", "a\0b" == "a\0c")
print(loadstring("return '\\256'"))

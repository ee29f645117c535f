-- Strings with embedded zeros compare past the zero.
print("a\0b" < "a\0c", "a\0" > "a", "a\0b" == "a\0b", "a\0b" == "a\0c")
print("\0" > "", "\0\0" > "\0", "x\0a" < "x\0\0b")
print(#"a\0b\0", ("a\0" .. "b") == "a\0b")

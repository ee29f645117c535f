-- Strings compare bytewise (in the C locale), shorter prefix first.
print("a" < "b", "a" < "ab", "ab" < "b", "" < "a", "Z" < "a")
print("abc" == "abc", "abc" <= "abd", "abc" >= "abd")
print("10" < "9", "a\255" > "a\1", "\128" > "\127")

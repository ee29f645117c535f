-- Classes inside sets and complemented classes in sets.
print(("a1 B2_"):gsub("[%a%d]", "."))
print(("a1 B2_"):gsub("[^%a%d]", "."))
print(("a1 B2_"):gsub("[%A]", "."))
print(("x.y,z"):gsub("[%p]", ""))
print(("tab\there"):gsub("[%s]", "_"))
print(("0x1F"):match("0x([%x]+)"))
print(("\1\2abc"):gsub("[%c]", "?"))

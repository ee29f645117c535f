-- Hex strings and whitespace in string-to-number coercion.
print("0x1p4" + 0)
print("0XA" + 0, "\t12\n" + 0)
print(pcall(function() return "0x" + 0 end))
print(pcall(function() return "1 2" + 0 end))
print(" 0x10 " * 1)

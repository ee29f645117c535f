-- string.find returns captures after the positions.
print(string.find("key = value", "(%w+)%s*=%s*(%w+)"))
print(string.find("2024-01-15", "(%d+)-(%d+)-(%d+)"))
print(string.find("abc", "()b()"))
print(string.find("abc", "(x?)"))
print(string.find("hello", "l+"))
print(string.find("hello", "(l)(l)"))
print(string.find("  trim  ", "^%s*(.-)%s*$"))

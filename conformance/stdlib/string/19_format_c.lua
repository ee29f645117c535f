-- lua5.1 drops a zero byte produced by %c (it builds the result as a C string).
-- %c with widths; zero byte in the output.
print(string.format("%c%c%c", 76, 117, 97))
print(string.format("[%3c]", 65))
print(string.format("[%-3c]", 65))
print(#string.format("%c", 0))
print(string.format("%c", 0):byte())
print(string.format("%c", 256 + 65))
print(pcall(string.format, "%c", "x"))

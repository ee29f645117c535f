-- lua5.1 says 'invalid format (width or precision too long)' and 'no value', and %q only
-- accepts strings and numbers.
-- string.format errors: invalid conversions, too long formats, missing arguments.
print(pcall(string.format, "%y", 1))
print(pcall(string.format, "%", 1))
print(pcall(string.format, "%10.123f", 1))
print(pcall(string.format, "%123d", 1))
print(pcall(string.format, "%-----5d", 1))
print(pcall(string.format, "%d %d", 1))
print(pcall(string.format, "%s %s", "a"))
print(pcall(string.format))
print(pcall(string.format, {}))
print(pcall(string.format, "%q", true))
print(pcall(string.format, "%q", nil))
print(pcall(string.format, "%q", 1/3))
print(pcall(string.format, "%5q", "a"))
print(pcall(string.format, "%f", "1e2"))
print(pcall(string.format, "%f", "abc"))

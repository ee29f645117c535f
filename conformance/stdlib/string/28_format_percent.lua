-- lua5.1 treats %5% as a conversion and complains about the missing argument.
-- %% and literal text around conversions.
print(string.format("100%%"))
print(string.format("%d%%", 50))
print(string.format("%%d"))
print(string.format("a%sb%sc", 1, 2))
print(string.format("no conversions"))
print(string.format(""))
print(pcall(string.format, "%5%"))

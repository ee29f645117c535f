-- string.dump on non-functions and on C functions.
print(pcall(string.dump))
print(pcall(string.dump, 1))
print(pcall(string.dump, "x"))
local ok, msg = pcall(string.dump, print)
print(ok, msg)

-- lua5.1 says "level must be non-negative" for -1.
-- setfenv errors: invalid level, C functions, and non-table environments.
print(pcall(setfenv, 100, {}))
print(pcall(setfenv, print, {}))
print(pcall(setfenv, function() end, 1))
print(pcall(getfenv, 100))
print(pcall(setfenv, -1, {}))

-- Numbers have no string metatable; string functions still coerce them.
print(pcall(function() local n = 5 return n:rep(2) end))
print(string.rep(5, 2))
print(string.upper(1e10))
print(string.format("%s", 0.1))
print(string.sub(3.25, 2))

-- A level pointing past the main chunk gives no position.
print(pcall(error, "direct", 1))
print(pcall(error, "direct2", 2))
print(pcall(function() error("far", 50) end))

-- Level 0 adds no position.
print(pcall(function() error("bare message", 0) end))
print(pcall(function() error("", 0) end))

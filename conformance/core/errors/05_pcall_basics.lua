-- pcall returns true plus results, or false plus the error value.
print(pcall(function() return 1, 2, 3 end))
print(pcall(function() end))
print(pcall(function(...) return select("#", ...) end, nil, nil))
print(pcall(42))
print(pcall(pcall))
print(pcall(nil))

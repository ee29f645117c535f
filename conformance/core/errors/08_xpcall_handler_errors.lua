-- lua5.1 says "value expected" for the missing handler.
-- An error inside the handler gives "error in error handling"; handler results beyond the first are dropped.
print(xpcall(function() error("x") end, function(m) error("y") end))
print(xpcall(function() error("x") end, function(m) return 1, 2, 3 end))
print(pcall(xpcall, function() end))

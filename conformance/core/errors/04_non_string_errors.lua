-- Error values that are not strings are passed through unchanged (numbers become strings
-- with a position prefix, as numbers are strings to the error function).
local t = {}
local ok, e = pcall(error, t)
print(ok, e == t)
print(pcall(error, nil))
print(pcall(error, true))
print(pcall(function() error(42) end))
print(pcall(function() error(42, 0) end))
local ok2, e2 = pcall(function() error(print) end)
print(ok2, e2 == print)

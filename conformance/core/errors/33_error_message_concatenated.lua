-- error with a number message and level 1 prefixes the position to the number's string form.
local ok, e = pcall(function() error(1.5) end)
print(ok, e, type(e))
local ok2, e2 = pcall(function() error(-0.0) end)
print(ok2, e2)

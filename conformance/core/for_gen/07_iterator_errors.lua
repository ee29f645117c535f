-- Calling a non-function iterator is an error.
print(pcall(function() for x in 42 do end end))
print(pcall(function() for x in nil do end end))
print(pcall(function() local t = {} for x in t do end end))

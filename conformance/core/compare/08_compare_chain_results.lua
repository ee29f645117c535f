-- Comparison results are booleans usable as values.
local r = (1 < 2) == true
print(r, type(1 < 2), (1 < 2) and "yes" or "no")
print((2 < 1) == false, not (1 == 1))

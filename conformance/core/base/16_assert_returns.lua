-- assert passes its arguments through.
local a, b, c = assert("x", "y", "z")
print(a, b, c)
print(select("#", assert(1, nil, nil)))
print(pcall(assert, nil))
print(pcall(assert, false, "why"))

-- In lua5.1 pairs returns a private copy of next, so the first value is false there.
-- pairs returns next, the table and nil.
local t = {}
local f, s, c = pairs(t)
print(f == next, s == t, c)

-- Non-integer keys do not affect #.
local t = {1, 2, x = 3, [1.5] = 4, [-1] = 5, [0] = 6}
print(#t)
local u = {x = 1, y = 2}
print(#u)

-- A chain of concatenations is right-associative and converts numbers on the way.
print(1 .. 2 .. 3 .. 4)
local a, b, c = "x", 2, "z"
print(a .. b .. c .. b)
print(1.25 .. 0.5)
local parts = ""
for i = 1, 10 do parts = parts .. i .. "," end
print(parts)

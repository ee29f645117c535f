-- Reseeding restarts the sequence; the same seed twice gives the same values.
math.randomseed(2024)
local a = {math.random(), math.random(10), math.random(5, 50)}
math.randomseed(2024)
local b = {math.random(), math.random(10), math.random(5, 50)}
print(a[1] == b[1], a[2] == b[2], a[3] == b[3])
math.randomseed(2025)
print(math.random() ~= a[1])

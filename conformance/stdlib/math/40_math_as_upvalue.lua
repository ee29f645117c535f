-- Localized math functions behave like the table fields.
local floor, max, sqrt = math.floor, math.max, math.sqrt
print(floor(2.5), max(1, 2), sqrt(9))
math.floor = nil
print(floor(3.5), math.floor)
math.floor = floor
print(math.floor(4.5))

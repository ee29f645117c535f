-- lua5.1 prints NaN as -nan.
-- Integer-valued arithmetic on doubles: % and floor division idioms.
print(7 % 3, -7 % 3, 7 % -3, -7 % -3)
print(5.5 % 2, -5.5 % 2)
print(math.floor(7 / 2), math.floor(-7 / 2))
print(1e15 % 7, 2^53 % 3)
print(0 % 5, 5 % math.huge, -5 % math.huge)

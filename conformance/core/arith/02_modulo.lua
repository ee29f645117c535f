-- lua5.1 prints this NaN as -nan; LuaJIT prints every NaN as nan.
-- % follows floor division: the result has the sign of the divisor.
print(5 % 3, -5 % 3, 5 % -3, -5 % -3)
print(5.5 % 2, -5.5 % 2, 5.5 % -2)
print(0 % 5, 3 % 1)
print(5 % 0 ~= 5 % 0)
print(5 % 1 / 0)
print(1e308 % 3)

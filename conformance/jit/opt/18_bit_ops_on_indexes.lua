-- lua5.1 has no bit library.
-- bit.* of an integer index (the library takes the double and converts it itself).
local a, b, c = 0, 0, 0
for i = -300, 300 do
  a = a + bit.band(i, 7)
  b = bit.bxor(b, i * 3)
  c = c + bit.rshift(i, 28)
end
print(a, b, c)

local x = 0
for i = 2 ^ 31 - 40, 2 ^ 31 + 40 do x = bit.bxor(x, i) end
print(x, bit.tobit(2 ^ 31 + 5))

-- A xorshift32 generator built on shifts.
-- lua5.1 has no bit library.
local x = 2463534242
local out = {}
for i = 1, 8 do
  x = bit.bxor(x, bit.lshift(x, 13))
  x = bit.bxor(x, bit.rshift(x, 17))
  x = bit.bxor(x, bit.lshift(x, 5))
  out[#out + 1] = bit.tohex(x)
end
print(table.concat(out, " "))

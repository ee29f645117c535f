-- Algebraic identities over a grid of values.
-- lua5.1 has no bit library.
local vals = {0, 1, -1, 0x55555555, 0xaaaaaaaa, 0x7fffffff, 0x80000000, 12345, -98765}
local ok = true
for _, a in ipairs(vals) do
  for _, b in ipairs(vals) do
    if bit.bxor(bit.bxor(a, b), b) ~= bit.tobit(a) then ok = false end
    if bit.bnot(bit.band(a, b)) ~= bit.bor(bit.bnot(a), bit.bnot(b)) then ok = false end
    if bit.band(a, b) + bit.bor(a, b) ~= bit.tobit(a + b) and bit.tobit(bit.band(a, b) + bit.bor(a, b)) ~= bit.tobit(a + b) then ok = false end
  end
  for n = 0, 31 do
    if bit.rol(a, n) ~= bit.ror(a, 32 - n) then ok = false end
    if bit.bor(bit.lshift(a, n), n == 0 and 0 or bit.rshift(a, 32 - n)) ~= bit.rol(a, n) then ok = false end
  end
end
print(ok)

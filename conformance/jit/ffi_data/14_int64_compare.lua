-- Comparisons of 64-bit integers with each other and with numbers, signed and
-- unsigned; the outcome flips part-way (exits and side traces).
local a, b, c, d = 0, 0, 0, 0
local big = 0x7FFFFFFFFFFFFF00LL
for i = 1, 300 do
  local x = i * 1LL - 150
  if x < 0 then a = a + 1 end
  if x <= 10LL then b = b + 1 end
  if x == 7 then c = c + 1 end
  if (big + i) > 0x7FFFFFFFFFFFFF80LL then d = d + 1 end
  if 1ULL * i > 0xFFFFFFFFFFFFFFFFULL then d = d + 1000 end
end
print(a, b, c, d, -1LL < 1ULL, 1LL == 1ULL, 2LL ~= 2)
-- jv: [TRACE   1 14_int64_compare.lua:5 loop]

-- lua5.1 differs: math.log ignores its second argument there.
-- Binary and n-ary math functions: atan2, pow, fmod (sign of the dividend), ldexp,
-- two-argument log, and min/max over several numbers, NaN included.
-- jv: [TRACE   1 02_math_binary.lua:7 loop]
local a, b, c = 0, 0, 0
local nan = 0 / 0
for i = 1, 300 do
  a = a + math.atan2(i, 17) + math.pow(1.01, i) + math.fmod(-i, 7) + math.fmod(i, -5.5)
  b = b + math.ldexp(i, -3) + math.log(i, 2) + math.log(i, 10)
  c = c + math.max(i, 150, 3) - math.min(i, 150, 3) + math.max(i % 13, 4) + math.min(7, i)
  if math.max(nan, i) ~= math.max(nan, i) then c = c + 1 end
end
print(a, b, c)

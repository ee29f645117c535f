-- lua5.1 differs: it prints -0 as 0 (its number format).
-- Values written back at exits keep their exact bits: -0, infinities, NaN, denormals.
-- jv: [TRACE   1 06_special_numbers.lua:5 loop]
local a, b, c, d = 0, 0, 0, 0
for i = 1, 300 do
  a = -0.0 * i
  b = 1 / (i - 300)
  c = (i - i) / (i - i)
  d = 5e-324 * (i % 2)
end
print(1 / a, b, c ~= c, d)

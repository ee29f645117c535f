-- Floats from random() after a seed, printed with all digits.
-- lua5.1 uses the C rand(), whose sequence differs.
math.randomseed(123)
for i = 1, 8 do print(string.format("%.17g", math.random())) end

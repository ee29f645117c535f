-- lua5.1 computes the first value as (start - step) + step, which turns -0 into 0.
-- The loop variable keeps the sign of a -0 start and the exact float values.
for i = -0.0, 0 do print(i, 1 / i) end
for i = 0.5, 2 do print(i) end

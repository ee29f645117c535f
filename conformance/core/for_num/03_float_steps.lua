-- Fractional steps.
for i = 0, 1, 0.25 do print(i) end
for i = 1, 0, -0.5 do print(i) end

-- Negative steps count down; the limit is inclusive.
for i = 3, 1, -1 do print(i) end
for i = 10, 1, -4 do print(i) end
for i = 1, 3, -1 do print("never") end

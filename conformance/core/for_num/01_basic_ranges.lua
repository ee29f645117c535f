-- Numeric for: inclusive bounds, default step 1.
for i = 1, 3 do print(i) end
for i = 3, 3 do print("once", i) end
for i = 2, 1 do print("never") end
print("end")

-- Sorting numbers with infinities and negative zero (no NaN: its order is undefined).
local t = {1, -math.huge, 0, math.huge, -1, -0.0}
table.sort(t)
local out = {}
for i = 1, #t do out[i] = t[i] == 0 and "0" or tostring(t[i]) end
print(table.concat(out, " "))

-- Appending with t[#t + 1] keeps the border moving.
local t = {}
for i = 1, 10 do t[#t + 1] = i * i end
print(#t, t[10])
t[#t] = nil
t[#t] = nil
print(#t)

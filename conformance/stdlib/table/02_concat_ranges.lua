-- table.concat with explicit i/j beyond the array part and with holes inside the range.
local t = {}
for i = -2, 5 do t[i] = "v" .. i end
print(table.concat(t, ",", -2, 5))
print(table.concat(t, ",", 0, 2))
print(table.concat({"x"}, ",", 1, 1))
print(pcall(table.concat, {"a", nil, "c"}, ",", 1, 3))
print(pcall(table.concat, {"a"}, ",", 1, 2))
print(table.concat({[1.0] = "one", [2] = "two"}, "+"))

-- table.concat with separators and ranges.
local t = {"a", "b", "c", "d"}
print(table.concat(t))
print(table.concat(t, ", "))
print(table.concat(t, "-", 2))
print(table.concat(t, "-", 2, 3))
print(table.concat(t, "-", 3, 2) == "")
print(table.concat({}, "x") == "")
print(table.concat(t, "", 4, 4))
print(table.concat({1, 2.5, "x"}, " "))
print(table.concat({"a", "b"}, 0))
print(table.concat({"a\0", "b"}, "\0") == "a\0\0b")

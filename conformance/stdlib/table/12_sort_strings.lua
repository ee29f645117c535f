-- lua5.1's %q writes a zero byte as \000.
-- table.sort on strings compares bytes.
local t = {"pear", "Apple", "banana", "apple", "", "b", "10", "9", "a\0b", "a"}
table.sort(t)
for i = 1, #t do io.write(string.format("%q ", t[i])) end
print()

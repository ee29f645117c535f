-- lua5.1's %q writes a zero byte as \000.
-- String comparison is bytewise (with embedded zeros).
print("a" < "b", "a" < "aa", "" < "a", "Z" < "a")
print("a\0b" < "a\0c", "a\0" > "a", "a\0" == "a")
print("\255" > "\1", "abc" <= "abc", "abd" >= "abc")
local t = {"banana", "apple", "Cherry", "apple\0x", "apple0"}
table.sort(t)
for i = 1, #t do io.write(string.format("%q ", t[i])) end
print()

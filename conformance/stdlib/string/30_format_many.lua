-- A format with many conversions and extra ignored arguments.
print(string.format("%d %s %5.2f %x %q %c", 1, "two", 3.14159, 255, "q", 65))
print(string.format("%s", 1, 2, 3))
print(string.format("%3d|%-3d|%03d", 5, 5, 5))
local parts = {}
for i = 1, 20 do parts[i] = "%d" end
print(string.format(table.concat(parts, ","), 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20))
print(("%d-%d"):format(1, 2))

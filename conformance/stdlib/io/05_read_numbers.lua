-- read("*n") reads numbers in several notations and returns nil on garbage.
local f = io.tmpfile()
f:write("42 3.5 -7 0x1F 1e3 .5 abc 99")
f:seek("set")
for i = 1, 6 do io.write(tostring(f:read("*n")), " ") end
print()
print(f:read("*n"))
print(f:read("*a"))
f:close()

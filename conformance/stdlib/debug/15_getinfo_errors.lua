-- lua5.1 accepts a string as getinfo's first argument in some forms and returns a table.
-- debug.getinfo argument errors.
print(pcall(debug.getinfo))
print(pcall(debug.getinfo, "x"))
print(pcall(debug.getinfo, 1, ">"))
print(pcall(debug.getinfo, print, "z"))
print(debug.getinfo(-1))

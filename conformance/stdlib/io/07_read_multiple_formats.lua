-- Several formats in one read call return several values.
local f = io.tmpfile()
f:write("10 20\nhello\nrest of file")
f:seek("set")
print(f:read("*n", "*n", "*l", "*l", 4, "*a"))
f:seek("set")
print(select("#", f:read("*l", "*l", "*l", "*l")))
print(f:read("*l", "*l"))
f:close()

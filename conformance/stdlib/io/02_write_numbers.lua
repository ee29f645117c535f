-- io.write formats numbers like tostring (%.14g).
io.write(1, " ", 0.1, " ", 1/3, " ", 1e100, " ", -0.0, " ", 2^53, "\n")
io.write(100, " ", 1e15, " ", 1e16, "\n")
local f = io.tmpfile()
f:write(1.5, 2, "x")
f:seek("set")
print(f:read("*a"))
f:close()

-- lua5.1's lines iterator returns no value (not nil) at the end of the file.
-- Two files read line by line in alternation.
local a, b = io.tmpfile(), io.tmpfile()
a:write("a1\na2\na3\n")
b:write("b1\nb2\n")
a:seek("set")
b:seek("set")
local ia, ib = a:lines(), b:lines()
for i = 1, 4 do print(ia(), ib()) end
a:close()
b:close()

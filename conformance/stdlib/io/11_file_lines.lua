-- file:lines iterates lines without newlines and leaves the file open.
local f = io.tmpfile()
f:write("a\nbb\n\nccc")
f:seek("set")
for l in f:lines() do io.write("[", l, "]") end
print()
print(io.type(f))
f:seek("set")
local n = 0
for l in f:lines() do n = n + 1 end
print(n)
f:close()

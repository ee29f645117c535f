-- Invalid read formats raise errors.
local f = io.tmpfile()
f:write("x")
f:seek("set")
print(pcall(f.read, f, "*x"))
print(pcall(f.read, f, {}))
print(pcall(f.read, f, "*"))
f:close()

-- File methods called on non-files raise errors.
local f = io.tmpfile()
print(pcall(f.read, {}))
print(pcall(f.write, "x"))
print(pcall(f.close, 1))
print(pcall(f.seek))
f:close()

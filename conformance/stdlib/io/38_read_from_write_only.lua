-- Reading from a file opened for writing returns nil (and no data).
local name = os.tmpname()
local f = assert(io.open(name, "w"))
print(f:read("*l"))
print(f:read("*a"))
f:close()
os.remove(name)

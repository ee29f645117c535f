-- Writing to a file opened for reading fails with nil, message, errno.
local name = os.tmpname()
local f = assert(io.open(name, "r"))
local ok, msg, code = f:write("x")
print(ok, msg, code)
f:close()
os.remove(name)

-- lua5.1 says 'file is already closed'.
-- An io.lines iterator for a named file errors when called after it closed the file.
local name = os.tmpname()
local f = assert(io.open(name, "w"))
f:write("only\n")
f:close()
local it = io.lines(name)
print(it())
print(it())
print(pcall(it))
os.remove(name)

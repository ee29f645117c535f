-- io.lines(name) reads a named file and closes it at the end.
local name = os.tmpname()
local f = assert(io.open(name, "w"))
f:write("one\ntwo\nthree\n")
f:close()
for l in io.lines(name) do print(l) end
local it = io.lines(name)
print(it(), it())
print(os.remove(name))

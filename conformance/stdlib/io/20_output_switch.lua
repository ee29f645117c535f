-- io.output switches the default output; io.write follows it.
local name = os.tmpname()
local old = io.output()
print(old == io.stdout)
local f = io.output(name)
print(io.type(f), f ~= io.stdout, io.output() == f)
io.write("into the file\n")
io.write("second line\n")
io.output():close()
io.output(old)
print(io.output() == io.stdout)
for l in io.lines(name) do print("read back:", l) end
os.remove(name)

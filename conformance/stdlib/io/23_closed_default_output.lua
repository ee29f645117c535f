-- lua5.1 says 'standard output file is closed'.
-- Writing to a closed default output raises an error.
local f = io.tmpfile()
io.output(f)
f:close()
print(pcall(io.write, "x"))
io.output(io.stdout)
print("back on stdout")

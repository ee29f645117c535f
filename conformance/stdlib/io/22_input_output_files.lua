-- lua5.1 says 'FILE* expected' for a table passed to io.output.
-- io.input and io.output accept file handles.
local f = io.tmpfile()
io.output(f)
io.write("via handle")
io.output(io.stdout)
f:seek("set")
io.input(f)
print(io.read("*a"))
io.input(io.stdin)
f:close()
print(pcall(io.input, "no_such_file_for_twin_conformance.txt"))
print(pcall(io.output, {}))

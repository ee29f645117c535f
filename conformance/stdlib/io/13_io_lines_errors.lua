-- io.lines on a missing file raises an error (the message names the path).
local ok, msg = pcall(io.lines, "no_such_file_for_twin_conformance.txt")
print(ok, msg)
local f = io.tmpfile()
f:close()
print(pcall(f.lines, f))

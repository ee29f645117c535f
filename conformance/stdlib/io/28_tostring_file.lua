-- tostring of files: "file (0x...)" while open (address hidden here), "file (closed)" after.
local f = io.tmpfile()
print((tostring(f):gsub("0x%x+", "ADDR")))
f:close()
print(tostring(f))
print((tostring(io.stdout):match("^file %(")))

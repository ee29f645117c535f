-- Errors in multi-line chunks: the chunkname shows the first line followed by "...".
local function try(src) local f, err = loadstring(src) print(err) end
try("local x = 1\nlocal y = 2\nz = = 3")
try("-- comment line\n+")
try("x = 1 -- ok\n\n)")

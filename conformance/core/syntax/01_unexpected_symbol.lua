-- "unexpected symbol" errors name the offending token.
local function try(src) local f, err = loadstring(src) print(err) end
try("x = = 1")
try("local 1 = 2")
try("return )")
try("f(,)")
try("x = }")
try("= 1") -- the source starts with "=", so it is also used as the literal chunkname " 1"

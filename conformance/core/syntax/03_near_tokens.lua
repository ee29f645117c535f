-- The token after "near" is printed as written: names, numbers, strings, keywords, <eof>.
local function try(src) local f, err = loadstring(src) print(err) end
try("x = 1 2")
try("x = 1 abc")
try("x = 1 'str'")
try("x = 1 \"dq\"")
try("x = 1 then")
try("x = 1 1.5e3")
try("x = ")
try("x = 1 ..")
try("x = 1 [[long]]")

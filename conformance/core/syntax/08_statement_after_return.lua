-- return must be the last statement of a block.
local function try(src) local f, err = loadstring(src) print(err) end
try("return 1 x = 2")
try("do return end x = 1")
try("return return")
print(type(loadstring("return;")))
print(type(loadstring("do return end")))
print(type(loadstring("return 1;")))

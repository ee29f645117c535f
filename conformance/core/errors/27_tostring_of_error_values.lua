-- Error values from pcall printed through tostring; numbers stay numbers with level 0.
local ok, e = pcall(error, 3.5, 0)
print(ok, e, type(e))
local ok2, e2 = pcall(error, 3.5)
print(ok2, e2, type(e2))

-- Whitespace: spaces, tabs, form feeds, vertical tabs, CR and LF separate tokens.
local f = loadstring("return\t1\f+\v2\r+\n3")
print(f())
local g = loadstring("\r\n\r\nerror('x')")
print(pcall(g))
local h = loadstring("\n\r\n\rerror('y')")
print(pcall(h))

-- A backslash followed by a real newline inserts a newline.
local s = "a\
b"
print(s == "a\nb", #s)
local t = loadstring("return 'x\\\r\ny'")()
print(t == "x\ny")

-- Inside long strings, \r\n, \n\r, \r and \n each become one "\n".
local s = loadstring("return [[a\r\nb\n\rc\rd\ne]]")()
print(s == "a\nb\nc\nd\ne", #s)
local t = loadstring("return [[\r\nx]]")()
print(t == "x")
local u = loadstring("return [[\n\ny]]")()
print(u == "\ny")

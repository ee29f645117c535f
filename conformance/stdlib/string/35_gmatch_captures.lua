-- gmatch with position captures and nested captures.
for a, b, c in string.gmatch("ab cd", "(()(%a+))") do print(a, b, c) end
for s, e in string.gmatch("xx yy zz", "()%a+()") do print(s, e) end
for d in string.gmatch("a1b22c333", "%d+") do print(d, #d) end

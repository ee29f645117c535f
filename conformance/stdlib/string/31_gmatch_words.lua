-- string.gmatch over words, pairs and single characters.
for w in string.gmatch("one two  three", "%a+") do print(w) end
for k, v in string.gmatch("a=1, b=2, c=3", "(%w+)=(%w+)") do print(k, v) end
local n = 0
for c in ("hello"):gmatch(".") do n = n + 1 end
print(n)
for p in string.gmatch("abc", "()") do io.write(p, " ") end
print()

-- ipairs returns an iterator, the table and 0; iteration stops at the first nil.
local t = {"a", "b", "c", nil, "e"}
local f, s, c = ipairs(t)
print(type(f), s == t, c)
print(f(t, 0))
print(f(t, 2))
print(f(t, 3))
for i, v in ipairs(t) do print(i, v) end

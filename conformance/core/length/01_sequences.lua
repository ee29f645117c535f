-- # of proper sequences.
print(#{}, #{1}, #{1, 2, 3}, #{"a", "b"})
local t = {}
for i = 1, 100 do t[i] = i end
print(#t)
t[101] = 1
print(#t)
t[101] = nil
t[100] = nil
print(#t)

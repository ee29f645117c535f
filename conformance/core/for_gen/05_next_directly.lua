-- The generic for with next as the iterator, like pairs.
local t = {x = 1}
for k, v in next, t do print(k, v) end
print(next({}))
print(next(t))
print(next(t, "x"))
print(pcall(next, t, "missing"))

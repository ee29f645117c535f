-- LuaJIT's binary search over the array part gives 4 for the second case; lua5.1's gives 2.
-- A hole in the middle of the array part: LuaJIT checks the last array slot first.
local t = {1, 2, 3, 4, 5}
t[3] = nil
print(#t)
t[5] = nil
print(#t)

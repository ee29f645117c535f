-- # after element-wise assignment (results as LuaJIT's table layout gives them; lua5.1 agrees).
local a = {}
a[1] = 1 a[2] = 2 a[4] = 4
print(#a)
local b = {}
for i = 1, 8 do b[i] = i end
b[5] = nil
print(#b)
local c = {n = 1}
c[1] = 1 c[3] = 3
print(#c)

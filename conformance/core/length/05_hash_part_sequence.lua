-- A sequence stored in the hash part (keys added in reverse) still has its length.
local t = {}
for i = 10, 1, -1 do t[i] = i end
print(#t)
local u = {}
u[1] = 1 u[2] = 2 u[3] = 3
print(#u)

-- Non-tail recursion to a moderate depth works (the stack grows).
local function deep(n) if n == 0 then return 0 end return 1 + deep(n - 1) end
print(deep(5000))
print(pcall(deep, 15000))
local function sum(t, i) if i > #t then return 0 end return t[i] + sum(t, i + 1) end
local t = {}
for i = 1, 3000 do t[i] = i end
print(sum(t, 1))

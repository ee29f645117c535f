-- The start, limit and step expressions are evaluated once, before the loop.
local calls = 0
local function lim() calls = calls + 1 return 3 end
for i = 1, lim() do end
print(calls)
local limit = 3
local n = 0
for i = 1, limit do limit = 10 n = n + 1 end
print(n, limit)

-- lua5.1 runs off the array with the second comparator and fails comparing nil.
-- An inconsistent comparator raises "invalid order function for sorting" (only the message is printed).
local t = {}
for i = 1, 100 do t[i] = i % 7 end
local ok, msg = pcall(table.sort, t, function(a, b) return true end)
print(ok, msg)
local u = {5, 5, 5, 5, 5, 5, 5, 5, 5, 5}
ok, msg = pcall(table.sort, u, function(a, b) return a <= b end)
print(ok, msg)

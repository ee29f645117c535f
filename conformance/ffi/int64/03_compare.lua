-- Comparisons of 64-bit cdata with each other and with numbers.
print(1LL == 1, 1 == 1LL, 1LL < 2, 2 < 1LL, 1LL <= 1, -1LL < 1ULL, 1LL == 1ULL)
print(0xffffffffffffffffULL > 0, -1LL < 0, 5LL ~= 5, 5LL ~= 6LL)
local t = {}
t[1LL] = "a"
print(t[1], t[1LL])
local x = 3LL
if x == 3 then print("eq3") end
if x ~= nil then print("not nil") end
print(pcall(function() return 1LL < "2" end))
print(pcall(function() return 1LL < {} end))

-- os.clock returns a number that does not go backwards.
local a = os.clock()
local x = 0
for i = 1, 100000 do x = x + i end
local b = os.clock()
print(type(a), type(b), b >= a, a >= 0)

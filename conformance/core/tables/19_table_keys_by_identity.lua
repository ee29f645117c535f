-- Table, function and coroutine keys are compared by identity.
local t = {}
local k1, k2 = {}, {}
t[k1] = 1
t[k2] = 2
local f1 = function() end
t[f1] = 3
local co = coroutine.create(f1)
t[co] = 4
print(t[k1], t[k2], t[f1], t[co], t[{}])

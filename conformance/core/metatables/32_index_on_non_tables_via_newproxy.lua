-- Userdata from newproxy honour __index, __newindex, __call and __len (5.1 uses __len for
-- userdata, not for tables).
local p = newproxy(true)
local mt = getmetatable(p)
local store = {}
mt.__index = function(u, k) return "idx:" .. k end
mt.__newindex = function(u, k, v) store[k] = v end
mt.__call = function(u, a) return "called " .. a end
mt.__len = function() return 99 end
print(p.foo, p(1), #p)
p.bar = 5
print(store.bar)
print(type(p))

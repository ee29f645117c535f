-- __index as a function receives the table and the key.
local t = setmetatable({}, {__index = function(tbl, k) return k .. "!" end})
print(t.x, t[1], t.x == "x!")
local count = 0
local u = setmetatable({present = 1}, {__index = function() count = count + 1 end})
local _ = u.present, u.absent, u.absent2
print(count)

-- Without __le, a <= b is computed as not (b < a) (5.1 rule).
local log = ""
local mt = {__lt = function(a, b) log = log .. "lt(" .. a.v .. "," .. b.v .. ")" return a.v < b.v end}
local function V(v) return setmetatable({v = v}, mt) end
print(V(1) <= V(2), log)
log = ""
print(V(3) >= V(4), log)

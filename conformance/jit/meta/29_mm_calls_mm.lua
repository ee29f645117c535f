-- A metamethod whose body uses other metamethods (__add calls __mul and __index): the
-- continuation frames nest on trace, each applied when its metamethod returns.
-- jv: [TRACE   2 29_mm_calls_mm.lua:10 loop]
local M = {}
M.__index = function(t, k) return k .. "!" end
M.__mul = function(a, b) return a.v * b end
M.__add = function(a, b) return (a * 2) + #a[b] end
local o = setmetatable({v = 3}, M)
local s = 0
for i = 1, 200 do
  s = s + (o + i)
end
print(s)

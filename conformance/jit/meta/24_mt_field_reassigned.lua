-- The metatable's field is reassigned mid-loop: the trace loads the metamethod from the
-- metatable on every iteration, and its guard on the inlined prototype fails over to the
-- new function.
-- jv: [TRACE   1 24_mt_field_reassigned.lua:10 loop]
-- jv: [TRACE   2 (1/*) 24_mt_field_reassigned.lua:11 -> 1]
local M = {}
M.__add = function(a, b) return b end
local o = setmetatable({}, M)
local s = 0
for i = 1, 300 do
  s = s + (o + i)
  if i == 150 then M.__add = function(a, b) return -b end end
end
print(s)

-- Objects with two different metatables alternate in one loop: the guard on the
-- loaded metamethod's prototype sends the other kind to a side trace, which inlines
-- its metamethod.
-- jv: [TRACE * 25_mt_alternating.lua:12 loop]
-- jv: [TRACE * (*) 25_mt_alternating.lua:13 -> *]
local A = {__mul = function(a, b) return a.v * b end}
local B = {__mul = function(a, b) return a.v + b end}
local objs = {}
for i = 1, 300 do objs[i] = setmetatable({v = i}, (i % 4 == 0) and B or A) end
local s = 0
local step = 0
for i = 1, 300 do
  s = s + objs[i] * 2
  step = step + 1
end
print(s, step)

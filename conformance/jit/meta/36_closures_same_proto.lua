-- Different closures of one prototype as metamethods of different objects: the trace
-- guards the prototype, so both run it, each reading its own upvalue.
-- jv: [TRACE   1 36_closures_same_proto.lua:12 loop]
local function make(scale)
  return {__mul = function(a, b) return a.v * b * scale end}
end
local objs = {}
for i = 1, 200 do
  objs[i] = setmetatable({v = i}, make(i % 2 == 0 and 10 or 1))
end
local s = 0
for i = 1, 200 do
  s = s + objs[i] * 2
end
print(s)

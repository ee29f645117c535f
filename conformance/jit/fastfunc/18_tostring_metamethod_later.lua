-- Numbers get a __tostring metamethod after tostring(number) was recorded: the trace's
-- call of tostring bails to the interpreter, which runs the metamethod; the side trace
-- that records it stitches at the call instead.
-- jv: [TRACE   1 18_tostring_metamethod_later.lua:7 loop]
-- jv: [TRACE   2 (1/*) 18_tostring_metamethod_later.lua:8 stitch tostring]
local s = 0
for i = 1, 200 do
  s = s + #tostring(i)
  if i == 100 then debug.setmetatable(0, { __tostring = function(n) return "num" end }) end
end
debug.setmetatable(0, nil)
print(s)

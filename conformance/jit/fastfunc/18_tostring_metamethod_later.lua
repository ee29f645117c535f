-- Numbers get a __tostring metamethod after tostring(number) was recorded: the trace's
-- call of tostring bails to the interpreter, which runs the metamethod; the side trace
-- that would record it aborts by name.
-- jv: [TRACE   1 18_tostring_metamethod_later.lua:7 loop]
-- jv: [TRACE --- (1/*) 18_tostring_metamethod_later.lua:8 -- NYI: __tostring metamethod]
local s = 0
for i = 1, 200 do
  s = s + #tostring(i)
  if i == 100 then debug.setmetatable(0, { __tostring = function(n) return "num" end }) end
end
debug.setmetatable(0, nil)
print(s)

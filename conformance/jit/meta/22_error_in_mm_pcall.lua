-- A metamethod that raises an error inside a traced loop: the trace leaves before the
-- error, the interpreter raises it from the metamethod's frame, and pcall reports the
-- same message (with the metamethod's line) as without the JIT.
-- jv: [TRACE   1 22_error_in_mm_pcall.lua:12 loop]
-- jv: [TRACE   3 22_error_in_mm_pcall.lua:15 loop]
-- jv: [TRACE   4 22_error_in_mm_pcall.lua:18 loop]
local E = {__add = function(a, b)
  if b == 170 then error("add failed at " .. b) end
  return a.v + b
end}
local e = setmetatable({v = 1}, E)
local function run() local s = 0 for i = 1, 200 do s = s + (e + i) end return s end
local ok, msg = pcall(run)
print(ok, msg)
local ok2, msg2 = pcall(function() local t = 0 for i = 1, 200 do t = t + (e + (i % 100)) end return t end)
print(ok2, msg2)
local I = setmetatable({}, {__index = function(t, k) if k > 140 then error({code = k}) end return k end})
local ok3, obj = pcall(function() local s = 0 for i = 1, 200 do s = s + I[i] end return s end)
print(ok3, type(obj), obj.code)

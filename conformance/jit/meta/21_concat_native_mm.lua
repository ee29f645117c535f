-- A native as the metamethod (pcall as __concat, calling the table through its
-- __call): the recorder does not inline natives, the trace aborts with a named reason,
-- and the results are the interpreter's.
-- jv: [TRACE --- 21_concat_native_mm.lua:10 -- NYI: native metamethod pcall*]
local T = {__concat = pcall, __call = function(self, x) return "called " .. x end}
local t = setmetatable({}, T)
local A = {__add = math.max}
local a = setmetatable({}, A)
local r, n = nil, 0
for i = 1, 100 do
  r = t .. i
  local ok = pcall(function() return a + 1 end)
  if not ok then n = n + 1 end
end
print(r, n)

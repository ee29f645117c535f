-- A vararg __concat metamethod: its frame sits above its arguments, inside the
-- continuation frame.
-- jv: [TRACE   1 20_concat_vararg_mm.lua:10 loop]
local T = {__concat = function(...)
  local a, b = ...
  return select("#", ...) .. (type(a) == "table" and "T" or a) .. (type(b) == "table" and "T" or b)
end}
local t = setmetatable({}, T)
local n = 0
for i = 1, 150 do
  n = n + #("x" .. t .. "y" .. i)
end
print(n, "x" .. t .. "y")

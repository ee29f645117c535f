-- __eq is only consulted for two tables (or two userdata): a table against a number, a
-- string or a function is unequal without a call; __lt between a table and a number is
-- an error the interpreter raises (caught here, with its message).
-- jv: [TRACE   1 07_eq_mixed_types.lua:11 loop]
local calls = 0
local E = {__eq = function() calls = calls + 1 return true end, __lt = function() return true end}
local t = setmetatable({}, E)
local u = setmetatable({}, E)
local f = function() end
local n = 0
for i = 1, 100 do
  if t == i then n = n + 1 end
  if t == "x" then n = n + 10 end
  if t ~= f then n = n + 100 end
  if t == u then n = n + 1000 end
end
print(n, calls)
local ok, e = pcall(function() return t < 1 end)
print(ok, e)
ok, e = pcall(function() return 1 <= t end)
print(ok, e)

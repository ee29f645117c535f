-- __newindex as a function; rawset inside it stores for real.
local log = ""
local t = setmetatable({}, {__newindex = function(tbl, k, v)
  log = log .. k .. "=" .. tostring(v) .. ";"
  rawset(tbl, k, v * 2)
end})
t.a = 1
t.b = 2
t.a = 10
print(log, t.a, t.b)

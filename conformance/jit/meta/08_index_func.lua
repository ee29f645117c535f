-- __index as a function: a missing key calls it with the table and the key; a present
-- key does not (the trace guards which case it is).
-- jv: [TRACE   1 08_index_func.lua:9 loop]
-- jv: [TRACE   2 (1/*) 08_index_func.lua:10 -> 1]
local calls = 0
local t = setmetatable({}, {__index = function(tb, k) calls = calls + 1 return k * 3 end})
for i = 1, 50 do t[i * 2] = i end
local s = 0
for i = 1, 100 do
  s = s + t[i]
end
print(s, calls)

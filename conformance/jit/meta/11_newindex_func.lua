-- __newindex as a function: a store of a missing key calls it with the table, key and
-- value; the continuation stores nothing.
-- jv: [TRACE   1 11_newindex_func.lua:8 loop]
local store = {}
local log = 0
local t = setmetatable({}, {__newindex = function(tb, k, v) log = log + 1 store[k] = v * 2 end})
local s = 0
for i = 1, 150 do
  t[i] = i
  s = s + store[i]
end
print(s, log, t[1])

-- A key that exists is stored raw even with a __newindex: the trace guards that it
-- exists, and a key removed mid-loop sends the store back to the metamethod.
-- jv: [TRACE   1 13_newindex_existing.lua:8 loop]
local calls = 0
local t = setmetatable({}, {__newindex = function(tb, k, v) calls = calls + 1 rawset(tb, k, v) end})
for i = 1, 10 do rawset(t, i, 0) end
local s = 0
for i = 1, 200 do
  local k = i % 10 + 1
  t[k] = i
  if i == 120 then t[3] = nil end
  s = s + t[k]
end
print(s, calls)

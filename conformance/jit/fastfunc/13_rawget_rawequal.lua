-- rawget bypasses __index; rawequal compares identities without __eq.
-- jv: [TRACE   1 13_rawget_rawequal.lua:8 loop]
local mt = { __index = function() return 1000 end, __eq = function() return true end }
local t = setmetatable({}, mt)
for i = 1, 10 do t[i * 2] = i end
local u, v = setmetatable({}, mt), setmetatable({}, mt)
local raw, idx, eq = 0, 0, 0
for i = 1, 300 do
  local k = i % 25
  raw = raw + (rawget(t, k) or 0)
  if rawequal(u, v) then eq = eq + 1 end
  if rawequal(t, t) then eq = eq + 2 end
end
for i = 1, 5 do idx = idx + t[i] end
print(raw, idx, eq, u == v)

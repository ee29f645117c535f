-- __index and __newindex chains of tables are followed up to a fixed depth (100 steps).
local function chain(n)
  local t = {found = "yes"}
  for i = 1, n do t = setmetatable({}, {__index = t}) end
  return t
end
for _, n in ipairs({10, 99, 100, 150}) do print(n, pcall(function() return chain(n).found end)) end
local function nchain(n)
  local store = {}
  local t = store
  for i = 1, n do t = setmetatable({}, {__newindex = t}) end
  return t, store
end
for _, n in ipairs({99, 100}) do
  local t, s = nchain(n)
  local ok, e = pcall(function() t.x = 1 end)
  print(n, ok, e, s.x)
end

-- Errors inside metamethods propagate to the caller.
local t = setmetatable({}, {
  __index = function() error("index failed") end,
  __add = function() error({code = 7}) end,
})
print(pcall(function() return t.x end))
local ok, e = pcall(function() return t + 1 end)
print(ok, type(e), e.code)

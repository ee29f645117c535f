-- Errors inside a wrapped coroutine propagate to the caller (with position info kept).
local f = coroutine.wrap(function() error("inside wrap") end)
print(pcall(f))
local g = coroutine.wrap(function() error({tag = "table error"}) end)
local ok, e = pcall(g)
print(ok, type(e), e.tag)
local h = coroutine.wrap(function() local x = nil return x.field end)
print(pcall(h))

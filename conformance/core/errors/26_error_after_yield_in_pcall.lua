-- lua5.1 cannot yield across pcall; LuaJIT can.
-- An error thrown inside pcall inside a coroutine after a yield is caught by that pcall.
local co = coroutine.wrap(function()
  local ok, e = pcall(function()
    coroutine.yield("yielded")
    error("raised", 0)
  end)
  return ok, e
end)
print(co())
print(co())

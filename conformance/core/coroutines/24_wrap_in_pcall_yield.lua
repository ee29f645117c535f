-- pcall inside a wrapped coroutine catches errors there without killing the coroutine.
local f = coroutine.wrap(function()
  for i = 1, 3 do
    local ok, err = pcall(error, "err " .. i, 0)
    coroutine.yield(ok, err)
  end
  return "done"
end)
print(f())
print(f())
print(f())
print(f())

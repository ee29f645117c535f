-- An error inside a wrapped coroutine propagates to the caller of the wrapper, through
-- the stitched call, to a pcall around the caller's loop.
-- jv: [TRACE   1 12_wrap_error_propagates.lua:15 stitch wrap]
-- jv: [TRACE   2 12_wrap_error_propagates.lua:8 stitch coroutine.yield]
-- jv: [TRACE   3 (1/stitch) 12_wrap_error_propagates.lua:15 -> 1]
-- jv: [TRACE   4 (2/stitch) 12_wrap_error_propagates.lua:10 -> 2]
local gen = coroutine.wrap(function()
  for i = 1, 1000 do
    if i == 240 then error("broke at " .. i, 0) end
    coroutine.yield(i)
  end
end)
local s = 0
local ok, e = pcall(function()
  for i = 1, 1000 do s = s + gen() end
end)
print(ok, e, s)
print(pcall(gen))

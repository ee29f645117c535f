-- lua5.1 differs: it cannot yield across pcall.
-- A yield from inside a pcall inside the coroutine's loop (LuaJIT allows it); an error
-- in the same pcall is caught there.
-- jv: [TRACE   1 08_yield_across_pcall.lua:18 stitch wrap]
-- jv: [TRACE   2 (1/stitch) 08_yield_across_pcall.lua:19 -> 1]
local co = coroutine.wrap(function()
  local s = 0
  for i = 1, 300 do
    local ok, v = pcall(function(x)
      if x % 50 == 0 then error("fifty", 0) end
      return coroutine.yield(x) + 1
    end, i)
    if ok then s = s + v else s = s - 1 end
  end
  return "end " .. s
end)
local r
for i = 1, 400 do
  r = co(i)
  if type(r) == "string" then break end
end
print(r)

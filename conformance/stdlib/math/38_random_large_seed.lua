-- randomseed with large, negative and fractional seeds (LuaJIT uses the double's bits).
-- lua5.1 uses the C rand(), whose sequence differs.
for _, s in ipairs({1e300, -1e300, 2^53 + 1, 1/3, math.huge}) do
  math.randomseed(s)
  print(math.random(1000000), math.random(1000000))
end

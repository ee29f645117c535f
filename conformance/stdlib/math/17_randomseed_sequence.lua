-- The same seed gives LuaJIT's sequence.
-- lua5.1 uses the C rand(), whose sequence differs.
for _, seed in ipairs({0, 1, 42, 12345, -7, 2^40, 0.5}) do
  math.randomseed(seed)
  local t = {}
  for i = 1, 6 do t[i] = math.random(1000) end
  print(seed, table.concat(t, " "))
end

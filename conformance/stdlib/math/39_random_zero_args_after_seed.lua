-- random() floats after several seeds: they are in [0, 1).
-- lua5.1 uses the C rand(), whose sequence differs.
for s = 1, 5 do
  math.randomseed(s)
  print(s, string.format("%.12f", math.random()))
end

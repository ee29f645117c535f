-- A table emptied key by key can be refilled with other keys.
local t = {}
for round = 1, 3 do
  for i = 1, 50 do t["r" .. round .. "_" .. i] = i end
  local n = 0
  for k, v in pairs(t) do n = n + 1 end
  print(round, n)
  for k in pairs(t) do t[k] = nil end
  print(next(t))
end
for i = 1, 5 do t[i] = i end
print(#t, t[5])

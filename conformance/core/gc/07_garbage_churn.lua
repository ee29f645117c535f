-- Lots of short-lived garbage: memory is reclaimed (the count stays bounded).
collectgarbage()
local base = collectgarbage("count")
for round = 1, 20 do
  local t = {}
  for i = 1, 2000 do t[i] = {i, tostring(i)} end
end
collectgarbage()
collectgarbage()
print(collectgarbage("count") < base + 512)

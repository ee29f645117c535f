-- Clearing fields during a pairs traversal (the visited one, and others not yet visited)
-- is allowed: the loop on trace sees every remaining entry once. Order-independent sums.
-- jv: [TRACE * 09_pairs_clear_during.lua:12 loop]
local total = 0
for round = 1, 8 do
  local t = {}
  for i = 1, 120 do t["f" .. i] = i end
  for i = 1, 60 do t[i + 0.5] = i end
  for i = 1, 30 do t[i] = -i end
  local seen, s = 0, 0
  local victim = "f" .. (round * 7)
  for k, v in pairs(t) do
    seen = seen + 1
    s = s + v
    t[k] = nil
    if k == victim then t[k .. "_gone"] = nil end
  end
  local left = 0
  for _ in pairs(t) do left = left + 1 end
  total = total + seen * 1000 + s + left
end
print(total)

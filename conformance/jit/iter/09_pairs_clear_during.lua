-- Clearing fields during a pairs traversal (the visited one, and another existing one
-- that may or may not have been visited yet) is allowed: the loop on trace visits every
-- other entry exactly once, the cleared one at most once, and the table ends empty.
-- What is printed does not depend on the traversal order.
-- jv: [TRACE * 09_pairs_clear_during.lua:16 loop]
local good, total = 0, 0
for round = 1, 8 do
  local t, want = {}, 0
  for i = 1, 120 do t["f" .. i] = i end
  for i = 1, 60 do t[i + 0.5] = i end
  for i = 1, 30 do t[i] = -i end
  for _ in pairs(t) do want = want + 1 end
  local victim = "f" .. (round * 7)
  local later = "f" .. (round * 7 + 60)
  local visits = {}
  for k, v in pairs(t) do
    visits[k] = (visits[k] or 0) + 1
    t[k] = nil
    if k == victim then t[later] = nil end
  end
  local others, ok = 0, true
  for k, n in pairs(visits) do
    if k ~= later then others = others + 1 end
    if n ~= 1 then ok = false end
  end
  if ok and others == want - 1 and next(t) == nil then good = good + 1 end
  total = total + others
end
print(good, total)

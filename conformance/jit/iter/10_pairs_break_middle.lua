-- A pairs loop left in the middle (break, and a return from an inner function) and a
-- traversal resumed with next from the key it stopped at: counts and sums only.
-- jv: [TRACE * 10_pairs_break_middle.lua:18 loop]
local cp = dofile("../fixtures/checkpoint.lua")
local t = {}
for i = 1, 200 do t["k" .. i] = i end
for i = 1, 40 do t[i] = i end

local function first_over(tab, limit)
  for k, v in pairs(tab) do
    if v > limit then return k, v end
  end
end

local total, stops = 0, 0
for round = 1, 30 do
  local n = 0
  for k, v in pairs(t) do
    n = n + 1
    if n == round * 5 then
      stops = stops + 1
      -- Continue by hand from the key the loop stopped at.
      local k2 = next(t, k)
      while k2 ~= nil do n = n + 1; k2 = next(t, k2) end
      break
    end
  end
  total = total + n
  -- Which key comes first depends on the order; that one does is not.
  local k = first_over(t, 195)
  total = total + (k and 1 or 0)
end
cp("after")
print(total, stops)

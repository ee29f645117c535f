-- Negative keys are never array slots: the loads and stores go through the hash part
-- (helpers), the non-negative ones through the array part, in one loop.
-- jv: [TRACE * 15_negative_index.lua:6 loop]
-- jv: [TRACE * 15_negative_index.lua:8 loop]
local t = {}
for i = -50, 50 do t[i] = i * 2 end
local s = 0
for i = 1, 300 do
  local k = (i % 101) - 50
  s = s + t[k]
  t[-k] = t[-k] + 1
end
print(s, t[-50], t[0], t[50], t[-1], t[1])

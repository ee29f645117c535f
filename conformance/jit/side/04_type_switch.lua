-- Values of changing types flowing through a traced loop: every exit restores the
-- interpreter's exact state, whichever trace of the tree it leaves from.
local vals = {}
for i = 1, 400 do
  if i % 3 == 0 then vals[i] = "s" elseif i % 3 == 1 then vals[i] = i else vals[i] = true end
end
local n, s, t = 0, 0, 0
for i = 1, 400 do
  local v = vals[i]
  if v == "s" then s = s + 1 elseif v == true then t = t + 1 else n = n + v end
end
print(n, s, t)
-- jv: [TRACE   1 04_type_switch.lua:4 loop]
-- jv: [TRACE   2 (1/1) 04_type_switch.lua:5 -> 1]
-- jv: [TRACE   3 (1/5) 04_type_switch.lua:5 -> 1]
-- jv: [TRACE   4 04_type_switch.lua:8 loop]
-- jv: [TRACE   5 (4/0) 04_type_switch.lua:9 -> 4]
-- jv: [TRACE   6 (4/4) 04_type_switch.lua:9 -> 4]

-- A trace reads globals while they are reassigned, and while the function's
-- environment is replaced (setfenv): every read sees the current binding.
-- jv: [TRACE * 21_globals_and_env_change.lua:8 loop]
-- jv: [TRACE * 21_globals_and_env_change.lua:24 loop]
g1, g2 = 1, 100
local function run()
  local s = 0
  for i = 1, 300 do
    s = s + g1 + g2
    if i == 100 then g1 = 10 end
    if i == 150 then g2 = nil; g2 = 7 end
    if i == 200 then
      setfenv(1, setmetatable({ g1 = 1000 }, { __index = _G }))
    end
    if i == 250 then g2 = 5 end
  end
  return s
end
print(run(), g1, g2)

-- The reads in a loop of another function whose environment is swapped from outside.
local function reader(n)
  local s = 0
  for i = 1, n do s = s + (x or 0) end
  return s
end
x = 3
local total = 0
for k = 1, 40 do
  if k == 10 then setfenv(reader, { x = 5 }) end
  if k == 20 then setfenv(reader, {}) end
  if k == 30 then setfenv(reader, _G); x = 11 end
  total = total + reader(50)
end
print(total)

-- A side trace starting at an exit inside an inlined call begins in the callee's
-- frame, returns to the loop and links back to the root.
local function classify(x)
  if x % 3 == 0 then return 1 end
  return 2
end
local ones, twos = 0, 0
for i = 1, 1000 do
  local c = classify(i)
  if c == 1 then ones = ones + 1 else twos = twos + 1 end
end
print(ones, twos)
-- jv: [TRACE   1 02_in_callee.lua:8 loop]
-- jv: [TRACE   2 (1/3) 02_in_callee.lua:4 -> 1]

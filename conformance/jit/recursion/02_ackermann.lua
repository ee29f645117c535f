-- Ackermann's function: nested recursive calls (one inside the other's argument), deep
-- up-recursion with side traces for the other branches.
-- jv: [TRACE * 02_ackermann.lua:5 up-recursion]
-- jv: [TRACE * (1/*) 02_ackermann.lua:7 -> 1]
local function ack(m, n)
  if m == 0 then return n + 1 end
  if n == 0 then return ack(m - 1, 1) end
  return ack(m - 1, ack(m, n - 1))
end
print(ack(2, 300))
print(ack(3, 4))
local t = {}
for m = 0, 3 do
  for n = 0, 3 do t[#t + 1] = ack(m, n) end
end
print(table.concat(t, " "))

-- A zero step: LuaJIT treats it like a positive step, so the loop runs forever if start <= limit
-- (stopped here with a counter) and never if start > limit. lua5.1 treats it like a negative
-- step, so there the second loop is the endless one.
local n = 0
for i = 1, 2, 0 do
  n = n + 1
  if n == 5 then break end
end
print(n)
local m = 0
for i = 2, 1, 0 do m = m + 1 if m == 5 then break end end
print(m)

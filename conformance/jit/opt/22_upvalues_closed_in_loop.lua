-- Loops that read upvalues while those are open (the variable's frame is live and the
-- loop writes it) and after they have been closed (the frame returned).
-- jv: [TRACE * 22_upvalues_closed_in_loop.lua:11 loop]
-- jv: [TRACE * 22_upvalues_closed_in_loop.lua:26 loop]
local prev = function() return 0 end
local s = 0
for k = 1, 60 do
  local u = k
  local cur = function() return u end
  local bump = function() u = u + 1 end
  for i = 1, 20 do
    s = s + cur() + prev()
    if i % 2 == 0 then u = u + 1 else bump() end
  end
  prev = cur
end
print(s, prev())

-- A counter whose upvalue is closed before the loop that reads and writes it.
local function counter()
  local n = 0
  return function() n = n + 1; return n end, function() return n end
end
local inc, get = counter()
local t = 0
for i = 1, 500 do
  inc()
  t = t + get()
end
print(t, get())

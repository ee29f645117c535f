-- Closures made by a loop (each iteration's local is a fresh upvalue, closed when the
-- iteration ends), then called from a hot loop: some upvalues still open when the
-- caller's trace runs, most closed, all through the same trace.
-- jv: [TRACE * 10_closures_in_loop.lua:16 loop]
-- jv: [TRACE * (1/*) 10_closures_in_loop.lua:16 -> 1]
local fs = {}
local function make(k)
  local cell = k
  fs[#fs + 1] = function(d) cell = cell + d; return cell end
  return function() return cell end
end
local peek
for k = 1, 8 do peek = make(k) end
local function drive(n)
  local s = 0
  for i = 1, n do s = s + fs[i % 8 + 1](1) end
  return s
end
print(drive(400))
print(peek(), fs[8](0), fs[1](0))
for k = 1, 8 do
  local mine = k * 100
  fs[k] = function(d) mine = mine + d; return mine end
  if k == 8 then print(drive(200), mine) end
end
print(drive(100), fs[3](0))

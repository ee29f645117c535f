-- One trace, two closures of the same function: the trace is recorded with the
-- upvalue closed (a closure from an earlier call), then runs a closure whose upvalue
-- is open into the trace's own frame, which the loop also updates in a register. The
-- trace must leave rather than read or write the stale stack slot.
-- jv: [TRACE * 09_closed_then_open.lua:12 loop]
-- jv: [TRACE * (1/*) 09_closed_then_open.lua:10 -> 1]
local saved
local function run(n, f)
  local acc = 0
  local mine = function(v) acc = acc + v; return acc end
  f = f or mine
  for i = 1, n do acc = acc + 1; f(i) end
  saved = mine
  return acc
end
print(run(5))
print(run(300, saved))
print(run(300))
print(run(40, saved))
print(saved(0))

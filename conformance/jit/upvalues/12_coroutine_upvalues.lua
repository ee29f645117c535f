-- Upvalues open on another thread's stack: a coroutine's hot loop reads and writes
-- the main chunk's locals and its own function's locals through closures, yielding
-- in between, so traces run on both stacks with upvalues open on the other one.
-- jv: [TRACE * 12_coroutine_upvalues.lua:12 loop]
-- jv: [TRACE * 12_coroutine_upvalues.lua:18 loop]
local total, seen = 0, 0
local co = coroutine.wrap(function(n)
  local mine = 0
  local function add(v) total = total + v; mine = mine + 1 end
  for round = 1, 3 do
    local part = 0
    for i = 1, n do add(i); part = part + total % 7; seen = seen + 1 end
    n = coroutine.yield(part, mine)
  end
  return "done", mine
end)
print(co(200))
for i = 1, 200 do total = total - 1 end
print(total, seen)
print(co(150))
print(co(100))
print(total, seen)

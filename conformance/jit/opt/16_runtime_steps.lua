-- lua5.1 differs on the zero step: LuaJIT takes a step of 0 as counting up.
-- Steps only known at run time (loaded from their slot), in both directions, and the
-- zero step (a loop that never ends, left by break).
local function run(a, b, step)
  local c, s = 0, 0
  for i = a, b, step do
    c = c + 1
    s = s + i
    if c >= 1000 then break end
  end
  return c, s
end
for _, st in ipairs({ 1, 2, 7, -1, -3, 0, 1000, -1000, 2 ^ 31 - 1, -(2 ^ 31) }) do
  print(st, run(0, 500, st))
  print(st, run(500, 0, st))
end

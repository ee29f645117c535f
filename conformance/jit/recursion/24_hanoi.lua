-- Towers of Hanoi: two recursive calls per level, counting moves per peg.
local moves = { 0, 0, 0 }
local function hanoi(n, from, to, via)
  if n == 0 then return 0 end
  local a = hanoi(n - 1, from, via, to)
  moves[to] = moves[to] + 1
  local b = hanoi(n - 1, via, to, from)
  return a + b + 1
end
print(hanoi(14, 1, 3, 2), moves[1], moves[2], moves[3])

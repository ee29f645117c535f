-- Exact count-hook hits for a fixed loop: the count is of LuaJIT bytecode instructions.
-- lua5.1 counts its own (different) instructions.
local function run(n)
  local hits = 0
  debug.sethook(function() hits = hits + 1 end, "", n)
  local z = 0
  for i = 1, 100 do z = z + i end
  debug.sethook()
  return hits
end
print(run(1), run(2), run(7), run(50), run(1000))

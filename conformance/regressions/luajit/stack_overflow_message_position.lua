-- twin regression: LuaJIT's JIT adds a position to the "stack overflow" message.
-- engines: luajit-joff (oracle) vs luajit-stress (luajit -Ohotloop=1 -Ohotexit=1)
-- verdict: divergent
-- signature: divergent|stdout|-|-
-- Found 163 times in the 30-minute campaign of 2026-11-21 (group
-- `divergent|checkpoints|L msg: string~string|-`, see docs/campaigns/). A
-- runaway recursion caught by pcall: LuaJIT's interpreter raises the bare
-- "stack overflow", the recursion compiled as a trace raises
-- "prog:N: stack overflow" (the position of the call that overflowed). Lua 5.1
-- and twin-lua add no position in either mode.
local function deep(n)
  return deep(n + 1) + 1
end
for i = 1, 3 do
  local ok, msg = pcall(deep, 1)
  print(i, ok, msg)
end

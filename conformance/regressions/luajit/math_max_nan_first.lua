-- twin regression: LuaJIT's interpreter and JIT disagree on math.max(NaN, x).
-- engines: luajit-joff (oracle) vs luajit-stress (luajit -Ohotloop=1 -Ohotexit=1)
-- verdict: divergent
-- signature: divergent|checkpoints|prog:0@15|-
-- The interpreter's math.max with a NaN first argument returns the second
-- argument; the compiled trace returns NaN. The checkpoint sits on a branch
-- taken once, after the loop is compiled, so it records the trace's values
-- as restored at the side exit.
local nan = 0 / 0
local sum = 0
for i = 1, 12 do
  local m = math.max(nan, i)
  if m == m then sum = sum + m end
  if i == 10 then
    twin_checkpoint(1)
  end
end
print(sum)

-- The loop's own end is an exit too; hot in stress mode, its side trace cannot leave
-- the loop in a root-linked trace and aborts, leaving the exit to the interpreter.
-- jv: [TRACE   1 09_loop_exit_side_aborts.lua:6 loop]
local s = 0
for r = 1, 30 do
  for i = 1, 80 do s = s + i end
end
print(s)

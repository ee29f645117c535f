-- The side trace that links to the inner loop meets the outer loop's last iteration:
-- its FORL guard exits, and another side trace leaves both loops into the code after.
-- jv: [TRACE   1 27_inner_exit_then_leave.lua:9 loop]
-- jv: [TRACE   2 (1/*) 27_inner_exit_then_leave.lua:9 -> 1]
-- jv: [TRACE   3 (2/*) 27_inner_exit_then_leave.lua:8 -> 1]
local s = 0
for r = 1, 30 do
  for i = 1, 25 do
    for j = 1, 70 do s = s + (i + j + r) % 5 end
  end
  s = s % 100003
end
print(s)

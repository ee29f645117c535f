-- A rare branch leaves the trace while a sunk point is live: the exit makes the table
-- with the fields stored so far, and the interpreter goes on with it.
local cp = dofile("../fixtures/checkpoint.lua")
local sum = 0
for i = 1, 300 do
  local p = { x = i, y = -i }
  p.z = p.x + 1
  if i % 100 == 0 then
    cp(i)
    print("exit", i, p.x, p.y, p.z, type(p))
    p.w = "late"
    print(p.w)
  end
  sum = sum + p.z
end
print(sum)
-- jv: [TRACE   1 03_exit_rematerialise.lua:5 loop]

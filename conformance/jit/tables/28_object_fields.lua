-- Objects' fields read and written in an inner loop (nbody's shape): every field is a
-- constant key at its node, in tables built by the same constructor (the middle loop's trace).
-- jv: [TRACE * 28_object_fields.lua:8 loop]
local cp = dofile("../fixtures/checkpoint.lua")
local bodies = {}
for i = 1, 5 do bodies[i] = { x = i, y = -i, vx = 0, vy = 0, mass = i * 0.5 } end
for step = 1, 80 do
  for i = 1, #bodies do
    local b = bodies[i]
    for j = i + 1, #bodies do
      local o = bodies[j]
      local dx, dy = b.x - o.x, b.y - o.y
      b.vx = b.vx - dx * o.mass * 0.001
      o.vy = o.vy + dy * b.mass * 0.001
    end
    b.x, b.y = b.x + b.vx, b.y + b.vy
  end
  if step == 60 then cp("fields") end
end
local s = 0
for i = 1, 5 do s = s + bodies[i].x + bodies[i].y end
print(string.format("%.6f", s))

-- A particle whose position and velocity are tables stored in it: all three are sunk,
-- and an exit makes all three, the inner ones inside the outer one.
local total = 0
for i = 1, 400 do
  local part = { pos = { x = i, y = 0 }, vel = { x = 1, y = i % 7 } }
  local nx = part.pos.x + part.vel.x
  if i % 150 == 0 then
    print(i, part.pos.x, part.pos.y, part.vel.x, part.vel.y, nx)
    part.pos.x = nx
    print(part.pos.x)
  end
  total = total + nx + part.vel.y
end
print(total)
-- jv: [TRACE   1 05_nested.lua:4 loop]

-- Floating-point traffic through table fields (n-body style integration).
local bodies = {}
for i = 1, 5 do
    bodies[i] = { x = i, y = i * 0.5, z = -i, vx = 0.01 * i, vy = 0, vz = 0.02, mass = 1 + i * 0.1 }
end
local function advance(dt)
    local n = #bodies
    for i = 1, n do
        local bi = bodies[i]
        for j = i + 1, n do
            local bj = bodies[j]
            local dx, dy, dz = bi.x - bj.x, bi.y - bj.y, bi.z - bj.z
            local d2 = dx * dx + dy * dy + dz * dz
            local mag = dt / (d2 * d2 ^ 0.5)
            bi.vx = bi.vx - dx * bj.mass * mag
            bi.vy = bi.vy - dy * bj.mass * mag
            bi.vz = bi.vz - dz * bj.mass * mag
            bj.vx = bj.vx + dx * bi.mass * mag
            bj.vy = bj.vy + dy * bi.mass * mag
            bj.vz = bj.vz + dz * bi.mass * mag
        end
    end
    for i = 1, n do
        local b = bodies[i]
        b.x, b.y, b.z = b.x + dt * b.vx, b.y + dt * b.vy, b.z + dt * b.vz
    end
end
for _ = 1, 100000 do advance(0.01) end
local e = 0
for i = 1, #bodies do e = e + bodies[i].x + bodies[i].y + bodies[i].z end
print(e > 0, e < 1e9)

--! what: floating-point arithmetic on table fields (an n-body integration)
--! size: small=1000 default=400000
local steps = tonumber(arg and arg[1]) or 400000

-- Five bodies on made-up, roughly circular orbits around a heavy centre;
-- the total momentum is cancelled through the centre so the system stays put.
local bodies = { { x = 0, y = 0, z = 0, vx = 0, vy = 0, vz = 0, mass = 40 } }
for i = 1, 4 do
    local r = 1.5 * i
    local v = (40 / r) ^ 0.5
    local a = i * 1.3
    bodies[#bodies + 1] = {
        x = r * math.cos(a), y = r * math.sin(a), z = 0.05 * i,
        vx = -v * math.sin(a), vy = v * math.cos(a), vz = 0.01 * (i - 2),
        mass = 0.01 * i,
    }
end
do
    local px, py, pz = 0, 0, 0
    for i = 2, #bodies do
        local b = bodies[i]
        px, py, pz = px + b.vx * b.mass, py + b.vy * b.mass, pz + b.vz * b.mass
    end
    local c = bodies[1]
    c.vx, c.vy, c.vz = -px / c.mass, -py / c.mass, -pz / c.mass
end

local function advance(n, dt)
    for i = 1, n do
        local bi = bodies[i]
        local bix, biy, biz, bim = bi.x, bi.y, bi.z, bi.mass
        local bivx, bivy, bivz = bi.vx, bi.vy, bi.vz
        for j = i + 1, n do
            local bj = bodies[j]
            local dx, dy, dz = bix - bj.x, biy - bj.y, biz - bj.z
            local d2 = dx * dx + dy * dy + dz * dz
            local mag = dt / (d2 * math.sqrt(d2))
            local bm = bj.mass * mag
            bivx, bivy, bivz = bivx - dx * bm, bivy - dy * bm, bivz - dz * bm
            bm = bim * mag
            bj.vx, bj.vy, bj.vz = bj.vx + dx * bm, bj.vy + dy * bm, bj.vz + dz * bm
        end
        bi.vx, bi.vy, bi.vz = bivx, bivy, bivz
        bi.x, bi.y, bi.z = bix + dt * bivx, biy + dt * bivy, biz + dt * bivz
    end
end

local function energy(n)
    local e = 0
    for i = 1, n do
        local bi = bodies[i]
        e = e + 0.5 * bi.mass * (bi.vx * bi.vx + bi.vy * bi.vy + bi.vz * bi.vz)
        for j = i + 1, n do
            local bj = bodies[j]
            local dx, dy, dz = bi.x - bj.x, bi.y - bj.y, bi.z - bj.z
            e = e - bi.mass * bj.mass / math.sqrt(dx * dx + dy * dy + dz * dz)
        end
    end
    return e
end

local n = #bodies
local before = energy(n)
for _ = 1, steps do advance(n, 0.001) end
print(string.format("%.9f %.9f", before, energy(n)))

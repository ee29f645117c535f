-- `t[i] = t[i] op x` where the table's array part moves between the load and the
-- store: a function on trace that adds keys, and a metamethod (`__add`, `__concat`)
-- that does. The store must go to the moved part.
local t = {}
for i = 1, 8 do t[i] = i end
local function grow(t, v)
    t[#t + 1] = v
    return v
end
for i = 1, 100 do
    local k = i % 8 + 1
    t[k] = t[k] + grow(t, i)
end
print(#t, t[1], t[2], t[8], t[9], t[108])

local mt = {}
local victim = {}
for i = 1, 4 do victim[i] = 0 end
mt.__add = function(a, b)
    for j = 1, 20 do victim[#victim + 1] = j end
    return 1
end
local obj = setmetatable({}, mt)
for i = 1, 60 do
    local k = i % 4 + 1
    victim[k] = victim[k] + (i > 30 and obj or 1)
end
print(#victim, victim[1], victim[2], victim[3], victim[4], victim[605])

local s = {}
for i = 1, 4 do s[i] = "" end
local cm = { __concat = function(a, b)
    for j = 1, 9 do s[#s + 1] = "x" end
    return a .. "!"
end }
local tag = setmetatable({}, cm)
for i = 1, 40 do
    local k = i % 4 + 1
    if i > 25 then s[k] = s[k] .. tag else s[k] = s[k] .. k end
end
print(#s, s[1], s[2], s[3], s[4])

-- A store after a load of the same slot, with a shrink in between (nil stores at
-- the end, then a rehash through a new hash key).
local u = {}
for i = 1, 16 do u[i] = i end
local total = 0
for i = 1, 80 do
    local k = i % 16 + 1
    local v = u[k] or 0
    if i == 50 then
        for j = 1, 16 do u[j] = nil end
        for j = 1, 40 do u["k" .. j] = j end
    end
    u[k] = v + 1
    total = total + (u[k] or 0)
end
print(total, u[1], u[16], u.k40)

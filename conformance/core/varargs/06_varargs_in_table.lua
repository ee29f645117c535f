-- {...} collects varargs; the # of the result is reliable only without holes.
local function pack(...) return {...}, select("#", ...) end
local t, n = pack(1, 2, 3)
print(#t, n, t[1], t[3])
local u, m = pack()
print(#u, m)
local v, k = pack(nil, nil, 3)
print(k, v[1], v[2], v[3])

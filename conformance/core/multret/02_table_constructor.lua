-- In a constructor, only a trailing call or ... expands.
local function three() return "a", "b", "c" end
local t = {three(), three()}
print(#t, t[1], t[2], t[3], t[4])
local u = {three(), three(), "z"}
print(#u, u[1], u[2], u[3])
local v = {three(), k = three()}
print(#v, v.k)
local w = {[1] = "keyed", three()}
print(w[1], w[2], w[3])

-- Multiple results assigned to globals and table fields.
local function f() return 1, 2, 3 end
local t = {}
g1, t.x, t[1] = f()
print(g1, t.x, t[1])
g2, g3 = (f())
print(g2, g3)

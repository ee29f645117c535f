-- LuaJIT extension: lua5.1 has no goto, so its output differs.
-- LuaJIT: goto is only a keyword where a goto statement is possible.
print(type(loadstring("goto = 1")))
local t = {}
t.goto = 5
print(t.goto, t["goto"])

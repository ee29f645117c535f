-- Identifiers: letters, digits, underscores; keywords are reserved, case matters.
local _ = 1
local _a1, A_, a_b_c = 2, 3, 4
local And, NIL, True = 5, 6, 7
print(_, _a1, A_, a_b_c, And, NIL, True)
local t = {}
t["end"] = 8
print(t["end"])
print(loadstring("local end = 1"))
-- LuaJIT treats goto as a keyword only where a goto statement can start.
print(type(loadstring("local goto = 1")))
print(type(loadstring("x = 1")), (loadstring("local nil = 1")))

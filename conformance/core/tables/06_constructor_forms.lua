-- When a positional item and [1] = collide, LuaJIT puts constant entries into a template in
-- source order (the later constant wins) and stores non-constant ones at run time; lua5.1
-- always stores positional items last ("first" on the third line).
-- Constructor forms: positional, [expr]=, name=, separators, nesting.
local t = {1, 2; 3, [10] = "ten", name = "n", {4, 5}, ["with space"] = true,}
print(t[1], t[2], t[3], t[10], t.name, t[4][2], t["with space"])
local u = {[1] = "a", "b"}
print(u[1])
local v = {"first", [1] = "second"}
print(v[1])
local x = "first"
local function f() return "first" end
print(({f(), [1] = "second"})[1], ({x, [1] = "second"})[1], ({"first", [1] = x})[1])

-- Operators use only the first result of a call.
local function f() return 2, 3 end
print(f() + 10)
print(f() .. "x")
print(-f())
print(f() == 2)
print(not f())

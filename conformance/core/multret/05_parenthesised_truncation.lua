-- Parentheses truncate a call to exactly one value.
local function f() return 1, 2, 3 end
local function none() end
print((f()))
print(select("#", (f())))
print(select("#", (none())))
print((none()))
local t = {(f())}
print(#t)
local function g() return (f()) end
print(g())

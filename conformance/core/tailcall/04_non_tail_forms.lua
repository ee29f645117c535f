-- return (f()) and return f() + 0 are not tail calls; they still give the right values.
local function f() return 1, 2 end
local function a() return (f()) end
local function b() return f() + 0 end
local function c() return f(), 3 end
print(a())
print(b())
print(c())

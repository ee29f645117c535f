-- return passes multiple results through.
local function f() return 1, 2, 3 end
local function g() return f() end
local function h() return 0, f() end
local function k() return f(), 0 end
print(g())
print(h())
print(k())

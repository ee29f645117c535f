-- getinfo "f" returns the running function at each level.
local function g() return debug.getinfo(1, "f").func, debug.getinfo(2, "f").func end
local function h() local a, b = g() return a, b end
local a, b = h()
print(a == g, b == h)
print(debug.getinfo(1, "f").func ~= nil)

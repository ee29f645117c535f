-- lua5.1 has no upvalueid/upvaluejoin.
-- upvalueid compares upvalue identity; upvaluejoin makes closures share an upvalue.
local x, y = 1, 2
local function fx() return x end
local function fx2() return x end
local function fy() return y end
print(debug.upvalueid(fx, 1) == debug.upvalueid(fx2, 1))
print(debug.upvalueid(fx, 1) == debug.upvalueid(fy, 1))
print(type(debug.upvalueid(fx, 1)))
debug.upvaluejoin(fx, 1, fy, 1)
print(fx(), fx2(), fy())
print(debug.upvalueid(fx, 1) == debug.upvalueid(fy, 1))
y = 20
print(fx())
print(pcall(debug.upvalueid, fx, 5))
print(pcall(debug.upvaluejoin, fx, 1, print, 1))

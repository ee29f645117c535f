-- lua5.1 ends tracebacks with '[C]: ?' (LuaJIT's '[C]: at 0x...' line is dropped here).
-- debug.traceback with explicit levels.
local function clean(tb) return (tb:gsub("\n[^\n]*0x%x+[^\n]*", "")) end
local function c() return debug.traceback("at c", 1), debug.traceback("skip one", 2), debug.traceback("deep", 50) end
local function b() local x, y, z = c() return x, y, z end
local function a() local x, y, z = b() return x, y, z end
local x, y, z = a()
print(clean(x))
print(clean(y))
print(clean(z))

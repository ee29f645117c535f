-- lua5.1 ends tracebacks with '[C]: ?'.
-- debug.traceback as an xpcall handler.
local function clean(tb) return (tb:gsub("\n[^\n]*0x%x+[^\n]*", "")) end
local function fail() error("failure here") end
local function mid() fail() end
local ok, tb = xpcall(mid, debug.traceback)
print(ok)
print(clean(tb))

-- LuaJIT drops frames replaced by tail calls; lua5.1 shows '(tail call): ?' lines.
-- Traceback lines name globals, locals, methods, fields and upvalues.
local function clean(tb) return (tb:gsub("\n[^\n]*0x%x+[^\n]*", "")) end
local obj = {}
function obj:method() return debug.traceback("m") end
function globalfn() return obj:method() end
local tbl = {field = function() return globalfn() end}
local function viaupvalue() return tbl.field() end
local r = (function() local s = viaupvalue() return s end)()
print(clean(r))

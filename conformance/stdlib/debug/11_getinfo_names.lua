-- lua5.1 reports an empty name (not nil) after a tail call.
-- Function names reported for different call forms (non-tail calls, so the caller's frame
-- is still there).
local function report() local i = debug.getinfo(2, "n") return tostring(i.name) .. " " .. i.namewhat end
local t = {}
function t.field() local r = report() return r end
function t:meth() local r = report() return r end
function gfunc() local r = report() return r end
local function loc() local r = report() return r end
local up = function() local r = report() return r end
print(t.field())
print(t:meth())
print(gfunc())
print(loc())
print((function() local r = up() return r end)())
print(pcall(report))
-- A tail call leaves no frame for the callee's caller: the name is unknown.
local function tail() return report() end
print(tail())

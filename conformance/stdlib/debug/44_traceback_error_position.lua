-- lua5.1 shows '(tail call): ?' for the tail call into bad.
-- A runtime error's traceback from xpcall lists the failing line first.
local function clean(tb) return (tb:gsub("\n[^\n]*0x%x+[^\n]*", "")) end
local function bad(t) return t.x.y end
print(clean(select(2, xpcall(function() return bad({}) end, debug.traceback))))

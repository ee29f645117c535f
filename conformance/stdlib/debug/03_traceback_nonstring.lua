-- lua5.1 ends tracebacks with "[C]: ?".
-- debug.traceback returns a non-string, non-number message unchanged; a number becomes the
-- message line of the traceback.
local function clean(tb) return (tb:gsub("\n[^\n]*0x%x+[^\n]*", "")) end
local t = {}
print(debug.traceback(t) == t)
print(clean(debug.traceback(42)))
print(debug.traceback(nil))
print(select("#", debug.traceback(nil)))
print(debug.traceback(true))

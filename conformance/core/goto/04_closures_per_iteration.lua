-- LuaJIT extension: lua5.1 has no goto, so its output differs.
-- A backward goto creates a fresh local each time round, so closures see distinct values.
local fns = {}
local i = 1
::again::
local x = i * 10
fns[i] = function() return x end
i = i + 1
if i <= 3 then goto again end
print(fns[1](), fns[2](), fns[3]())

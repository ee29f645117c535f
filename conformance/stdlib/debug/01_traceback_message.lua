-- LuaJIT drops frames replaced by tail calls ('inner' here); lua5.1 shows them and ends
-- with '[C]: ?'.
-- debug.traceback with a message, from a nested call; lines with addresses are dropped.
local function clean(tb) return (tb:gsub("\n[^\n]*0x%x+[^\n]*", "")) end
local function inner() return debug.traceback("boom") end
local function outer() return inner() .. "" end
print(clean(outer()))
print(clean(debug.traceback()))

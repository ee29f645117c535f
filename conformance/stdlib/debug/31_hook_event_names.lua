-- LuaJIT reports a tail call as 'call' and one 'return' for the tail-called function;
-- lua5.1 reports 'tail call' and 'tail return' events.
-- Hook event names for calls, tail calls and returns.
local evs = {}
local function leaf() return 1 end
local function tail() return leaf() end
debug.sethook(function(ev) evs[#evs + 1] = ev end, "cr")
tail()
debug.sethook()
print(table.concat(evs, " "))

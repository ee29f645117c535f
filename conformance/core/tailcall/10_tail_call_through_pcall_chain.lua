-- Tail calls from functions called by pcall and coroutines.
local function count(n) if n == 0 then return "done" end return count(n - 1) end
print(pcall(count, 500000))
local co = coroutine.wrap(function(n) return count(n) end)
print(co(500000))

-- lua5.1 keeps a '(tail call)' frame, so the stack is one level deeper and the name is ''.
-- A tail call replaces the caller's frame.
local function where() local i = debug.getinfo(2, "n") return tostring(i and i.name) end
local function tc() return where() end
local function normal() local r = where() return r end
print(normal())
print(tc())
local levels = 0
local function count() while debug.getinfo(levels + 1) do levels = levels + 1 end end
local function t2() return count() end
t2()
print(levels)

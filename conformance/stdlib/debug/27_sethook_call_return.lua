-- lua5.1 also reports the return from sethook that installs the hook.
-- Call and return hooks report the functions entered and left.
local depth = 0
local events = {}
local function a() return 1 end
local function b() return a() + 1 end
local function hook(ev)
  local i = debug.getinfo(2, "nS")
  events[#events + 1] = ev .. ":" .. tostring(i.name) .. ":" .. i.what
end
debug.sethook(hook, "cr")
b()
debug.sethook()
for _, e in ipairs(events) do print(e) end

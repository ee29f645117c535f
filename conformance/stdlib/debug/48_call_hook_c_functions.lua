-- Call hooks also fire for C functions; their info says what = "C".
local seen = {}
debug.sethook(function(ev)
  local i = debug.getinfo(2, "nS")
  if i.what == "C" then seen[#seen + 1] = ev .. ":" .. tostring(i.name) end
end, "c")
local s = string.rep("a", 3)
local n = math.max(1, 2)
debug.sethook()
print(table.concat(seen, " "))

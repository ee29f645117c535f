-- Count hooks fire every n instructions (the number of hits in a fixed loop is deterministic).
local hits = 0
local function work()
  local s = 0
  for i = 1, 1000 do s = s + i end
  return s
end
debug.sethook(function(ev) hits = hits + 1 end, "", 100)
local r = work()
debug.sethook()
print(r, hits > 0)
local hits1 = 0
debug.sethook(function() hits1 = hits1 + 1 end, "", 1)
local z = 0
for i = 1, 10 do z = z + 1 end
debug.sethook()
print(z, hits1 >= 20)

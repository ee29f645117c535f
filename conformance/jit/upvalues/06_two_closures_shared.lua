-- Two closures sharing one closed upvalue, both called on trace.
-- jv: [TRACE   1 06_two_closures_shared.lua:9 loop]
local function pair()
  local v = 0
  return function() v = v + 1 end, function() return v * 10 end
end
local inc, read = pair()
local s = 0
for i = 1, 300 do inc(); s = s + read() end
print(s)

-- Global reads and writes go through the environment's metamethods.
local log = ""
local env = setmetatable({}, {
  __index = function(t, k) log = log .. "get " .. k .. ";" return 1 end,
  __newindex = function(t, k, v) log = log .. "set " .. k .. ";" rawset(t, k, v) end,
})
local f = setfenv(loadstring("y = x + 1 return y"), env)
print(f(), log)

-- An environment with an __index function: reading a missing global would call it,
-- which is not recorded.
-- jv: [TRACE --- 06_env_index_aborts.lua:7 -- NYI: __index on the environment*]
local env = setmetatable({ print = print }, { __index = function(_, k) return 7 end })
local function run()
  local s = 0
  for i = 1, 200 do s = s + missing end
  return s
end
setfenv(run, env)
print(run())

-- An uncaught runtime error names the variable.
local config
print("start")
local v = config.value

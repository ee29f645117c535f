-- Errors through upvalues name them as upvalues.
local config
local counter = "not a number"
local function use() return config.setting end
local function inc() counter = counter + 1 end
local function call() config() end
print(pcall(use))
print(pcall(inc))
print(pcall(call))

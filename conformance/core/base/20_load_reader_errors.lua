-- load reports syntax errors and reader errors.
local done = false
print(load(function() if done then return nil end done = true return "return +" end, "=reader"))
print(pcall(load, function() return {} end))
print(pcall(load, function() error("reader failed") end))
print(pcall(load))

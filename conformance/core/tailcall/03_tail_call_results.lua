-- A tail call returns all results of the called function.
local function many() return 1, 2, 3 end
local function tc() return many() end
print(tc())
print(select("#", tc()))
local function tc_nil() return (function() end)() end
print(select("#", tc_nil()))

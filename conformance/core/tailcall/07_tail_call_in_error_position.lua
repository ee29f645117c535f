-- An error raised after tail calls still reports the position of the erroring function.
local function bad() error("boom") end
local function t1() return bad() end
local function t2() return t1() end
print(pcall(t2))

-- A call as the last argument expands to all its results; elsewhere it gives one.
local function two() return 1, 2 end
local function none() end
print(two(), two())
print(two(), "x")
print("x", two())
print(none(), "after")
print("before", none())
print(select("#", none()))

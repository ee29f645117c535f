-- __newindex chains through tables that themselves have __newindex.
local final = {}
local mid = setmetatable({}, {__newindex = final})
local t = setmetatable({}, {__newindex = mid})
t.x = "v"
print(rawget(t, "x"), rawget(mid, "x"), final.x)

-- Results of calls inside nested constructors and argument lists.
local function two() return "a", "b" end
local t = {{two()}, {two(), two()}, two()}
print(#t, #t[1], #t[2], t[3], t[4])
local function count(...) return select("#", ...) end
print(count(two(), two(), two()))
print(count({two()}, two()))

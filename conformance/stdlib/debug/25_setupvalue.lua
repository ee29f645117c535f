-- debug.setupvalue changes a closure's upvalue, shared with other closures.
local counter = 0
local function inc() counter = counter + 1 return counter end
local function get() return counter end
print(inc())
print(debug.setupvalue(inc, 1, 100))
print(inc(), get(), counter)
print(debug.setupvalue(inc, 2, 0))
print(pcall(debug.setupvalue, inc, 1))

-- and/or return one of their operands and short-circuit.
print(1 and 2, nil and 2, false and 2, 1 or 2, nil or 2, false or nil)
print(nil and nil, false or false)
local called = false
local function f() called = true return true end
local _ = false and f()
local _ = true or f()
print(called)
print(1 and nil or "default")

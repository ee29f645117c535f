-- Operands are evaluated left to right.
local log = ""
local function v(x) log = log .. x return x end
local r = v(1) + v(2) * v(3) - v(4)
print(r, log)
log = ""
local s = v("a") .. v("b") .. v("c")
print(s, log)
log = ""
local b = v(1) < v(2)
print(b, log)

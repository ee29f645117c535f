-- __index as a table: missing keys are looked up there.
local base = {greet = "hello", n = 1}
local t = setmetatable({n = 2}, {__index = base})
print(t.greet, t.n, t.missing, rawget(t, "greet"))

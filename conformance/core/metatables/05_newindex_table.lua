-- __newindex as a table redirects stores of new keys; existing keys are set directly.
local store = {}
local t = setmetatable({existing = 1}, {__newindex = store})
t.existing = 2
t.new = 3
print(t.existing, rawget(t, "new"), store.new)

-- error with level 2 inside __index blames the indexing code.
local t = setmetatable({}, {__index = function(t, k) error("no field " .. k, 2) end})
local function user()
  return t.foo
end
print(pcall(user))

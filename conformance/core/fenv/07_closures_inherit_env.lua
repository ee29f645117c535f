-- Closures created inside a function get the creating function's environment.
local env = {val = "from env"}
local maker = setfenv(function() return function() return val end end, env)
local inner = maker()
print(inner(), getfenv(inner) == env)

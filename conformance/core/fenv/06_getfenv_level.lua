-- getfenv with levels looks at the calling functions. In "return getfenv(1)" the call is a
-- tail call, so the function's own frame is gone and level 1 is its caller (the main chunk);
-- lua5.1 reports "no function environment for tail call" there instead.
local env = {getfenv = getfenv}
local f = setfenv(function() local e = getfenv(1) return e end, env)
print(f() == env)
local function caller() local e = getfenv(2) return e end
local g = setfenv(function() local e = caller() return e end, env)
print(g() == env)
local tail = setfenv(function() return getfenv(1) end, env)
print(tail() == env, tail() == _G)

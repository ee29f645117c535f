-- coroutine.wrap returns a function; the coroutine table has the 5.1 functions.
local w = coroutine.wrap(function() end)
print(type(w), type(coroutine.create(function() end)))
local names = {"create", "resume", "running", "status", "wrap", "yield"}
for i = 1, #names do print(names[i], type(coroutine[names[i]])) end

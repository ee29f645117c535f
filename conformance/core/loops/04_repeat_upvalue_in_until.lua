-- The until condition can use a local captured by a closure in the body.
local fns = {}
local i = 0
repeat
  i = i + 1
  local v = i
  fns[i] = function() return v end
until v == 3
print(fns[1](), fns[2](), fns[3]())

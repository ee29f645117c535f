-- Assigning to the numeric for variable inside the body does not affect the loop (5.1).
local fns = {}
for i = 1, 3 do
  local before = i
  i = i * 100
  fns[#fns + 1] = function() return before, i end
end
for k = 1, 3 do print(fns[k]()) end

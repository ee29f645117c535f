-- Each iteration of a numeric for has a fresh loop variable.
local fns = {}
for i = 1, 3 do
  fns[i] = function() return i end
end
print(fns[1](), fns[2](), fns[3]())

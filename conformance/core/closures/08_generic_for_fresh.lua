-- The generic for's variables are fresh per iteration.
local fns = {}
for i, v in ipairs({"a", "b", "c"}) do
  fns[i] = function() return i .. v end
end
print(fns[1](), fns[2](), fns[3]())

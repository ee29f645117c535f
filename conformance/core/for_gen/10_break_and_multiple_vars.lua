-- Extra loop variables are nil; break leaves the loop.
local function two() local done = false return function() if not done then done = true return 1, 2 end end end
for a, b, c, d in two() do print(a, b, c, d) end
for i, v in ipairs({"a", "b", "c", "d"}) do
  if v == "c" then break end
  print(i, v)
end

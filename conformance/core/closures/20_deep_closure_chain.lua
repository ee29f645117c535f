-- A long chain of closures each capturing the previous.
local f = function() return 0 end
for i = 1, 100 do
  local prev = f
  f = function() return prev() + i end
end
print(f())

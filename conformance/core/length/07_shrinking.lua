-- Removing from the end shrinks the border.
local t = {1, 2, 3, 4}
for i = 4, 1, -1 do
  t[i] = nil
  print(#t)
end

-- Mutual recursion through non-tail calls: the function trace of `even` inlines `odd`
-- and `even` again, and closes as up-recursion when `even` is `recunroll` frames deep.
-- jv: [TRACE * 03_mutual_recursion.lua:5 up-recursion]
local odd
local function even(n)
  if n == 0 then return true end
  local r = odd(n - 1)
  return r
end
odd = function(n)
  if n == 0 then return false end
  local r = even(n - 1)
  return r
end
local c = 0
for i = 1, 300 do
  if even(i) then c = c + 1 end
end
print(c, even(1000), odd(777), even(3001))

-- Mutual recursion through tail calls: each call replaces the frame, so the function
-- trace closes as tail recursion and runs in constant stack.
-- jv: [TRACE * 04_mutual_tail_calls.lua:5 tail-recursion]
local odd
local function even(n)
  if n == 0 then return true end
  return odd(n - 1)
end
odd = function(n)
  if n == 0 then return false end
  return even(n - 1)
end
print(even(100000), odd(100001), even(77777))

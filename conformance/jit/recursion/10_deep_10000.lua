-- Recursion 10000 frames deep and more: the up-recursive trace moves up the stack one
-- iteration at a time, and the stack grows under it (each growth an exit).
-- jv: [TRACE * 10_deep_10000.lua:5 up-recursion]
-- jv: [TRACE * 10_deep_10000.lua:10 up-recursion]
local function depth(n)
  if n == 0 then return 0 end
  return 1 + depth(n - 1)
end
print(depth(10000), depth(12000), depth(3))
local function build(n)
  if n == 0 then return "" end
  local s = build(n - 1)
  if n % 1000 == 0 then return s .. "|" .. n end
  return s
end
print(build(11000))

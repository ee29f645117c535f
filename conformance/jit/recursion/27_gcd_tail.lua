-- Tail-recursive gcd and a tail-recursive state machine over a string.
-- jv: [TRACE * 27_gcd_tail.lua:3 tail-recursion]
local function gcd(a, b) if b == 0 then return a end return gcd(b, a % b) end
local s = 0
for i = 1, 2000 do s = s + gcd(i * 7, 1001) end
print(s, gcd(1071, 462))
local function scan(str, i, state, n)
  if i > #str then return n end
  local c = str:byte(i)
  if state == 0 and c == 97 then return scan(str, i + 1, 1, n) end
  if state == 1 and c == 98 then return scan(str, i + 1, 0, n + 1) end
  return scan(str, i + 1, 0, n)
end
print(scan(string.rep("abxab", 3000), 1, 0, 0))

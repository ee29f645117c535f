-- Recursion that updates upvalues of its closure on every level and reads an
-- upvalue shared with the caller.
-- jv: [TRACE * 19_upvalues.lua:6 up-recursion]
local calls, maxd = 0, 0
local limit = 500
local function rec(d)
  calls = calls + 1
  if d > maxd then maxd = d end
  if d >= limit then return d end
  return rec(d + 1) - 1
end
print(rec(0), calls, maxd)
limit = 800
print(rec(100), calls, maxd)

-- pcall at every level of a recursion (the protected call is a native: the recorder
-- does not inline it), errors raised at the bottom and caught level by level.
local function f(n)
  if n == 0 then error("bottom") end
  local ok, e = pcall(f, n - 1)
  if ok then return e + 1 end
  return n
end
local s = 0
for i = 1, 100 do s = s + f(i % 30 + 1) end
print(s, f(50))

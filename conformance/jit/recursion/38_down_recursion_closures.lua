-- Recursion whose frames make closures over their locals: the returns must close those
-- upvalues, so no down-recursive trace forms for such a function; values captured at
-- every level survive the returns.
local fns = {}
local function build(n)
  if n == 0 then return 0 end
  local v = n * 10
  fns[n] = function() return v end
  local r = build(n - 1)
  v = v + 1
  return r + v
end
local s = 0
for i = 1, 60 do s = s + build(40) end
print(s, build(50), fns[7](), fns[50]())

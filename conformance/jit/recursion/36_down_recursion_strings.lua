-- Down-recursion that allocates (string concatenation on every return): collections
-- happen at the down-recursive loop's GC check, which spends no instruction budget.
-- jv: [TRACE * 36_down_recursion_strings.lua:7 down-recursion]
-- jv: [TRACE * 36_down_recursion_strings.lua:6 -> *]
local function path(n)
  if n == 0 then return "" end
  return path(n - 1) .. "/" .. n
end
local total = 0
for i = 1, 200 do total = total + #path(60) end
print(total, path(5), #path(1500))

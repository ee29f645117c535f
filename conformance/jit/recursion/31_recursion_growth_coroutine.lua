-- A coroutine's stack starts small: deep recursion inside one grows it many times
-- while the recursive trace runs, each growth through an exit.
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
local results = {}
for k = 1, 4 do
  local co = coroutine.wrap(function(n) return depth(n) end)
  results[#results + 1] = co(k * 2500)
end
print(table.concat(results, " "))

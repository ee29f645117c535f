-- A closure iterator carrying its own state.
local function range(n)
  local i = 0
  return function()
    i = i + 1
    if i <= n then return i end
  end
end
for v in range(3) do print(v) end
for v in range(0) do print("never") end

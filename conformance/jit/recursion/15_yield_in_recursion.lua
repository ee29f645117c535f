-- A recursive walk that yields at its leaves: the yields happen from deep inside the
-- recursion; no trace spans them.
local function walk(t, depth)
  if type(t) ~= "table" then coroutine.yield(t, depth) return 1 end
  local n = 0
  for i = 1, #t do n = n + walk(t[i], depth + 1) end
  return n
end
local function tree(d, v)
  if d == 0 then return v end
  return { tree(d - 1, v * 2), tree(d - 1, v * 2 + 1) }
end
local co = coroutine.wrap(function() return "leaves", walk(tree(7, 1), 0) end)
local s, last = 0, nil
while true do
  local a, b = co()
  if a == "leaves" then last = b break end
  s = s + a * b
end
print(s, last)

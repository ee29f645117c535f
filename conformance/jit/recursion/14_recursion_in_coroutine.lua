-- Recursive traces inside coroutines (each on its own stack), resumed in turn.
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
local cos = {}
for k = 1, 3 do
  cos[k] = coroutine.create(function(n)
    for i = 1, 3 do n = coroutine.yield(fib(n) + depth(n * 100)) end
    return "end " .. k
  end)
end
for round = 1, 4 do
  local row = {}
  for k = 1, 3 do
    local ok, v = coroutine.resume(cos[k], 10 + k + round)
    row[#row + 1] = tostring(ok) .. ":" .. tostring(v)
  end
  print(table.concat(row, " "))
end

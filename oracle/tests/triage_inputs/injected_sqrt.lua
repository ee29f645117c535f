-- Injected fault: the bad-sqrt test engine answers math.sqrt(49) = 7.5.
-- The bad value flows through a helper, a table and a checkpoint inside a
-- function, among statements that have nothing to do with it.
local names = { "alpha", "beta", "gamma", "delta" }
local counts = {}
for _, n in ipairs(names) do
  counts[n] = #n * 2
end
local function describe(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys)
  return table.concat(keys, ",")
end
local function hyp(a, b)
  local h = math.sqrt(a * a + b * b)
  twin_checkpoint(7)
  return h
end
local results = {}
for i = 1, 9 do
  local x = i * 3 % 7
  local s = string.format("%d:%d", i, x)
  results[#results + 1] = s
end
local total = 0
for i = 1, 8 do
  total = total + hyp(i, 0)
  if i % 3 == 0 then
    total = total + #describe(counts)
  end
end
local squares = {}
for i = 1, 10 do squares[i] = i * i end
print(describe(counts), table.concat(results, " "))
print(total, #squares)

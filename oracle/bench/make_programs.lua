-- Writes N small, deterministic benchmark programs into DIR:
--   luajit make_programs.lua DIR [N]
-- Each program is one of six shapes (numeric loops with side exits, strings,
-- tables, closures and recursion, metamethods, coroutines) with parameters
-- drawn from a fixed-seed generator, so every run writes the same files.
-- They are ordinary programs: engines are expected to agree on them; the
-- point is the harness's throughput, not finding bugs. The checkpoint inside
-- the loop passes `i` so that every local it shows is live where the trace
-- exits (see the note on dead slots in oracle/lua/probe.lua).

local dir, n = arg[1], tonumber(arg[2] or "200")
assert(dir, "usage: make_programs.lua DIR [N]")

local state = 12345
local function rand(lo, hi)
  state = (state * 1103515245 + 12345) % 2147483648
  return lo + state % (hi - lo + 1)
end

local shapes = {
  function()
    return string.format([[
local sum, odd = 0, 0
for i = 1, %d do
  if i %% %d == 0 then odd = odd + i else sum = sum + i * %d end
  if i == %d then twin_checkpoint(1, i) end
end
print(sum, odd)
]], rand(200, 3000), rand(2, 9), rand(1, 7), rand(1, 150))
  end,
  function()
    return string.format([[
local parts = {}
for i = 1, %d do
  parts[#parts + 1] = string.format("%%d:%%s", i, string.rep("ab", i %% %d))
end
local s = table.concat(parts, ",")
local count = select(2, s:gsub("ab", "x"))
twin_checkpoint(2)
print(#s, count, s:sub(1, %d))
]], rand(50, 400), rand(2, 6), rand(5, 40))
  end,
  function()
    return string.format([[
local t = {}
for i = 1, %d do t[i] = (i * %d) %% %d end
table.sort(t)
local u = {}
for i = 1, #t, %d do u[#u + 1] = t[i] end
twin_checkpoint(3)
print(#t, t[1], t[#t], table.concat(u, " "))
]], rand(100, 800), rand(3, 97), rand(50, 1000), rand(5, 50))
  end,
  function()
    return string.format([[
local function fib(k) if k < 2 then return k end return fib(k - 1) + fib(k - 2) end
local function adder(x) return function(y) return x + y end end
local acc = 0
for i = 1, %d do acc = adder(i)(acc) %% 1000003 end
local f = fib(%d)
twin_checkpoint(4)
print(acc, f)
]], rand(100, 2000), rand(10, 18))
  end,
  function()
    return string.format([[
local V = {}
V.__index = V
V.__add = function(a, b) return setmetatable({x = a.x + b.x}, V) end
local v = setmetatable({x = 0}, V)
local one = setmetatable({x = %d}, V)
for i = 1, %d do v = v + one end
twin_checkpoint(5)
print(v.x, getmetatable(v) == V)
]], rand(1, 9), rand(100, 2000))
  end,
  function()
    return string.format([[
local gen = coroutine.wrap(function()
  for i = 1, %d do coroutine.yield(i * %d) end
end)
local total = 0
for _ = 1, %d do total = total + gen() end
twin_checkpoint(6)
print(total)
]], rand(100, 500), rand(1, 9), rand(50, 100))
  end,
}

for i = 1, n do
  local text = shapes[rand(1, #shapes)]()
  local f = assert(io.open(string.format("%s/bench%03d.lua", dir, i), "w"))
  f:write(text)
  f:close()
end

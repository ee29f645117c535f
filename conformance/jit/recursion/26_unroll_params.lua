-- recunroll and callunroll set by jit.opt.start: the recursion traces differently but
-- computes the same.
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
local out = {}
for _, o in ipairs({ "recunroll=0", "recunroll=5", "callunroll=0", "callunroll=8" }) do
  if jit and jit.opt then jit.opt.start(o) end
  out[#out + 1] = depth(3000) + fib(18)
end
print(table.concat(out, " "))

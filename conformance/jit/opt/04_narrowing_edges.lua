-- lua5.1 prints inf where LuaJIT prints -inf: its parser folds `0 * -1` to +0.
-- Loop indices and arithmetic at the edges of 32-bit integers, and -0: a JIT that
-- narrows numbers to integers must give the same doubles.
local s = 0
for i = 2^31 - 5, 2^31 + 5 do s = s + i end
print(s)
local last
for i = -2^31 + 2, -2^31 - 2, -1 do last = i end
print(last)
local n = 2^31 - 3
for i = 1, 6 do n = n + 1 end
print(n, n - 2^31)
local m = 0
for i = 1, 100 do m = m - 2^30 end
print(m)
local p = 1
for i = 1, 40 do p = p * 2 end
print(p)

-- -0: an index or sum that is -0 stays -0.
local zero = 0 * -1
local seen = {}
for i = zero, 2 do seen[#seen + 1] = 1 / i end
print(seen[1], seen[2], seen[3])
local acc = zero
for i = 1, 100 do acc = acc * 1 end
print(1 / acc)
local neg = 0
for i = 1, 100 do neg = -neg end
print(1 / neg)
for i = 0, -3, -1 do
  if i == 0 then print(1 / (i * -1)) end
end

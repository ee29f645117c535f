-- Recursive quicksort over an array (partition in a loop, recursion on both halves).
local function qsort(a, lo, hi)
  if lo >= hi then return end
  local p, i = a[hi], lo - 1
  for j = lo, hi - 1 do
    if a[j] <= p then i = i + 1 a[i], a[j] = a[j], a[i] end
  end
  a[i + 1], a[hi] = a[hi], a[i + 1]
  qsort(a, lo, i)
  qsort(a, i + 2, hi)
end
local a, x = {}, 12345
for i = 1, 3000 do x = (x * 1103515245 + 12345) % 2147483648 a[i] = x % 10000 end
qsort(a, 1, #a)
local ok = true
for i = 2, #a do if a[i - 1] > a[i] then ok = false end end
print(ok, a[1], a[1500], a[3000])

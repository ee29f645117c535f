-- String order comparisons (<, <=, >, >=) on trace: an insertion sort of words.
-- jv: [TRACE * 14_string_order.lua:13 loop]
local w = {}
local seed = 7
for i = 1, 120 do
  seed = (seed * 1103515245 + 12345) % 2147483648
  w[i] = string.char(97 + seed % 26, 97 + math.floor(seed / 26) % 26, 97 + math.floor(seed / 676) % 26)
end
w[121], w[122], w[123] = "ab", "a", "ab\0c"
for i = 2, #w do
  local v = w[i]
  local j = i - 1
  while j >= 1 and w[j] > v do
    w[j + 1] = w[j]
    j = j - 1
  end
  w[j + 1] = v
end
local ok = true
for i = 2, #w do if not (w[i - 1] <= w[i]) or w[i - 1] > w[i] then ok = false end end
print(ok, w[1], w[2], w[3], w[#w])

-- Counting set bits of many numbers.
-- lua5.1 has no bit library.
local function popcount(x)
  local c = 0
  x = bit.tobit(x)
  while x ~= 0 do
    x = bit.band(x, x - 1)
    c = c + 1
  end
  return c
end
local t = {}
for _, v in ipairs({0, 1, 3, 255, -1, 0x80000000, 0x12345678, 0xdeadbeef}) do t[#t + 1] = popcount(v) end
print(table.concat(t, " "))

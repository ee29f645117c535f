-- bit.tohex allocates a string per call on trace; its width argument, negative
-- widths (upper case) included.
-- jv: [TRACE   1 06_bit_tohex.lua:6 loop]
local n = 0
local last
for i = 1, 200 do
  local h = bit.tohex(i * 977, (i % 8) + 1)
  local u = bit.tohex(-i, -4)
  n = n + #h + #u
  last = h .. "/" .. u
end
print(n, last)

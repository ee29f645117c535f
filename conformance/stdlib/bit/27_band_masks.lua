-- Masks of every width.
-- lua5.1 has no bit library.
for w = 0, 32, 4 do
  local mask = w == 32 and -1 or bit.lshift(1, w) - 1
  print(w, bit.tohex(mask), bit.band(0x7fffffff, mask))
end

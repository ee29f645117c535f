-- A small FNV-1a style hash written with bit operations (deterministic result).
-- lua5.1 has no bit library.
local function fnv(s)
  local h = 0x811c9dc5
  for i = 1, #s do
    h = bit.bxor(h, s:byte(i))
    h = bit.tobit(h * 0x01000193 % 2^32)
  end
  return h
end
for _, s in ipairs({"", "a", "hello", "The quick brown fox"}) do print(string.format("%q", s), bit.tohex(fnv(s))) end

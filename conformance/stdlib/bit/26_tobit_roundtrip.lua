-- tobit is idempotent and matches % 2^32 for integers.
-- lua5.1 has no bit library.
local ok = true
for i = -1000, 1000, 7 do
  local x = i * 123456789
  local y = bit.tobit(x)
  if bit.tobit(y) ~= y then ok = false end
  local m = x % 2^32
  if m >= 2^31 then m = m - 2^32 end
  if m ~= y then ok = false end
end
print(ok)

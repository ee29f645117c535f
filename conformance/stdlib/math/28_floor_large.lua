-- LuaJIT rounds the exact tie .25 in %.1f away from zero (.3); lua5.1's C library to even (.2).
-- floor and ceil of values around 2^31, 2^32 and 2^52.
for _, x in ipairs({2^31 - 0.5, 2^31 + 0.5, -2^31 - 0.5, 2^32 + 0.25, 2^52 + 0.5, -2^52 - 0.5}) do
  print(string.format("%.1f %.0f %.0f", x, math.floor(x), math.ceil(x)))
end

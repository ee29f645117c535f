-- lua5.1 differs: it prints -0 as 0.
-- tostring of numbers (integers, fractions, -0, inf) and tonumber of strings (decimal,
-- hex, exponents, garbage giving nil) recorded on trace.
-- jv: [TRACE   1 11_tostring_tonumber.lua:7 loop]
local strs = { "10", "0x1F", "1e3", "  7  ", "abc", "3.25", "", "-0" }
local len, sum, nils = 0, 0, 0
for i = 1, 240 do
  len = len + #tostring(i / 8) + #tostring(-i)
  local n = tonumber(strs[i % #strs + 1])
  if n then sum = sum + n else nils = nils + 1 end
  sum = sum + tonumber(i)
end
print(len, sum, nils, tostring(-0), tostring(1 / 0), tostring(2 ^ 63))

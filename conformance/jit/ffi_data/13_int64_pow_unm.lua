-- 64-bit ^ (integer power, negative exponents) and unary minus. (0LL ^ -n is left
-- out: twin-lua's interpreter gives 0LL where LuaJIT gives INT64_MAX.)
local acc = 0LL
local uacc = 0ULL
for i = 1, 120 do
  local b = i % 7 - 3
  if b == 0 then b = 5 end
  local e = i % 9 - 2
  acc = acc + (b + 0LL) ^ e - (-(i * 1LL))
  uacc = uacc + (2ULL ^ (i % 70)) + -(1ULL * i)
end
print(acc, uacc, (-2LL) ^ 63, 3LL ^ -1, (-1LL) ^ -3)
-- jv: [TRACE   1 13_int64_pow_unm.lua:5 loop]

-- Array slots holding values of different types: each load's type guard sends the
-- other types to side traces; stores of any type go inline.
-- jv: [TRACE * 22_mixed_value_types.lua:7 loop]
-- jv: [TRACE * 22_mixed_value_types.lua:12 loop]
-- jv: [TRACE * (2/*) 22_mixed_value_types.lua:13 -> 2]
local t = {}
for i = 1, 60 do
  local m = i % 4
  t[i] = m == 0 and i or m == 1 and ("s" .. i) or m == 2 and (i % 8 == 2) or { i }
end
local n, str, b, tab = 0, 0, 0, 0
for i = 1, 300 do
  local v = t[(i % 60) + 1]
  local ty = type(v)
  if ty == "number" then n = n + v
  elseif ty == "string" then str = str + #v
  elseif ty == "boolean" then b = b + (v and 1 or 0)
  else tab = tab + v[1] end
  t[(i % 60) + 1] = v
end
print(n, str, b, tab)

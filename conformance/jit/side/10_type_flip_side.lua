-- A slot whose type flips between number and string on a pattern: the type guard's
-- exit grows a side trace that handles the string case.
-- jv: [TRACE   1 10_type_flip_side.lua:8 loop]
-- jv: [TRACE   2 (1/*) 10_type_flip_side.lua:* -> 1]
local vals = {}
for i = 1, 10 do vals[i] = (i % 5 == 0) and ("s" .. i) or i end
local n, s = 0, ""
for i = 1, 1000 do
  local v = vals[i % 10 + 1]
  if type(v) == "string" then s = v else n = n + v end
end
print(n, s)

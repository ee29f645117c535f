-- Loops that use only the keys, and tables whose values are tables and strings.
-- jv: [TRACE   2 06_pairs_values_only_keys.lua:7 loop]
local t = {}
for i = 1, 120 do t[i] = { i } end
local ks, vs = 0, 0
for r = 1, 4 do
  for k in pairs(t) do ks = ks + k end
  for _, v in ipairs(t) do vs = vs + v[1] end
end
print(ks, vs)

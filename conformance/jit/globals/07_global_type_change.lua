-- A global whose type changes (number -> string) during the loop: the global load's
-- type guard exits.
-- jv: [TRACE   1 07_global_type_change.lua:6 loop]
G = 1
local n, s = 0, 0
for i = 1, 500 do
  if type(G) == "number" then n = n + G else s = s + #G end
  if i == 250 then G = "abc" end
end
print(n, s)

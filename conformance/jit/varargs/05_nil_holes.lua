-- Varargs with nils in them keep their count.
-- jv: [TRACE   1 05_nil_holes.lua:8 loop]
local function info(...)
  local a, b, c = ...
  return select('#', ...), a == nil, b == nil, c == nil
end
local n, x = 0, 0
for i = 1, 300 do
  local c, an, bn, cn = info(nil, i, nil)
  n = n + c
  if an and not bn and cn then x = x + 1 end
end
print(n, x)

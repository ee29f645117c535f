-- select with a constant selector picks argument slots; select('#', ...) is a constant;
-- negative selectors count from the end.
-- jv: [TRACE   1 12_select.lua:5 loop]
local s = 0
for i = 1, 300 do
  local a, b = select(2, i, i * 2, i * 3)
  local c = select(-1, i, 5, 7)
  local n = select('#', i, nil, nil)
  local d = select(4, i, i, i)
  s = s + a + b + c + n + (d == nil and 1 or 0)
end
print(s)

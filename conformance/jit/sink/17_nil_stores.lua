-- Stores of nil into a sunk table: the exit replays them, so removed fields are gone.
local s = 0
for i = 1, 300 do
  local t = { a = i, b = i, c = i }
  t.b = nil
  s = s + t.a
  if i % 100 == 0 then
    local n = 0
    for _ in pairs(t) do n = n + 1 end
    print(i, t.a, t.b, t.c, n)
  end
end
print(s)
-- jv: [TRACE   1 17_nil_stores.lua:3 loop]

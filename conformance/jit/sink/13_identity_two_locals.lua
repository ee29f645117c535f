-- The same sunk table in two locals: the exit makes one table, so both locals see
-- the same object and the same writes.
for i = 1, 300 do
  local a = { n = i }
  local b = a
  if i % 120 == 0 then
    print(i, rawequal(a, b), a == b, b.n)
    b.n = -1
    print(a.n)
  end
end
-- jv: [TRACE   1 13_identity_two_locals.lua:3 loop]

-- A sunk table stored in itself, and two sunk tables stored in each other: the exit
-- makes one table each, and the cycles close on them.
for i = 1, 300 do
  local a = { n = i }
  local b = { n = -i }
  a.self = a
  a.other = b
  b.other = a
  if i % 150 == 0 then
    print(i, rawequal(a.self, a), rawequal(a.other, b), rawequal(b.other, a), a.other.other.self.n)
  end
end
-- jv: [TRACE   1 20_self_cycle.lua:3 loop]

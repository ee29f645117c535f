-- One sunk table stored in two sunk tables: after the exit both hold the same table.
for i = 1, 300 do
  local shared = { v = i }
  local l = { s = shared }
  local r = { s = shared }
  if i % 100 == 0 then
    print(i, rawequal(l.s, r.s), rawequal(l.s, shared))
    l.s.v = 0
    print(r.s.v, shared.v)
  end
end
-- jv: [TRACE   1 21_shared_inner.lua:2 loop]

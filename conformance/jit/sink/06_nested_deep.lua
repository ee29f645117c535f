-- Four levels of tables made in one iteration, each stored in the next: an exit makes
-- the chain, each level in its parent.
local s = 0
for i = 1, 300 do
  local a = { v = i }
  local b = { a, v = 2 }
  local c = { b, v = 3 }
  local d = { inner = c, v = 4 }
  s = s + d.v + c.v + b.v + a.v
  if i == 250 then
    print(d.inner[1][1].v, d.inner[1].v, d.inner.v, d.v)
    print(rawequal(d.inner, c), rawequal(d.inner[1], b), rawequal(d.inner[1][1], a))
  end
end
print(s)
-- jv: [TRACE   1 06_nested_deep.lua:4 loop]

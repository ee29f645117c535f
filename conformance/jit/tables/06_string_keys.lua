-- Hash-part loads and stores with constant and computed string keys.
-- jv: [TRACE   1 06_string_keys.lua:5 loop]
local t = { a = 1, b = 2 }
local keys = { "a", "b", "c", "d" }
for i = 1, 400 do
  t.a = t.a + 1
  local k = keys[i % 4 + 1]
  t[k] = (t[k] or 0) + i
end
print(t.a, t.b, t.c, t.d)

-- Tables stored into a table that outlives the iteration escape; a table made on trace
-- and stored only into such a table escapes with it.
local keep = {}
for i = 1, 300 do
  local inner = { v = i }
  local p = { inner = inner, x = i }
  keep[i] = p
end
local s = 0
for i = 1, 300 do s = s + keep[i].x + keep[i].inner.v end
print(s, keep[300].inner.v, keep[1] ~= keep[2])
-- jv: [TRACE   1 11_escape_store_other.lua:4 loop]

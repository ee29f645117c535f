-- Exits that make tables while the collector has work to do: the made tables are
-- in their slots before any collection, and survive it.
local s = 0
for i = 1, 2000 do
  local p = { x = i, inner = { y = i } }
  if i % 50 == 0 then
    collectgarbage()
    s = s + p.inner.y
  end
  s = s + p.x
end
print(s, collectgarbage("count") > 0)
-- jv: [TRACE   1 24_gc_in_exit_path.lua:4 loop]

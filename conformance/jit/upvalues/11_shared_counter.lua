-- Upvalues shared between closures: one writes on trace, another reads the same cell
-- on the same trace, a third sees the result after the loop; the cell is first open
-- (the maker still running) and then closed.
-- jv: [TRACE * 11_shared_counter.lua:11 loop]
-- jv: [TRACE * 11_shared_counter.lua:17 loop]
local function maker(n)
  local c = 0
  local function inc(d) c = c + d end
  local function get() return c end
  local s = 0
  for i = 1, n do inc(i % 3); s = s + get() end
  return inc, get, s, c
end
local inc, get, s, c = maker(300)
print(s, c, get())
local t = 0
for i = 1, 300 do inc(1); t = t + get() end
print(t, get())

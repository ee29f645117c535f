-- select('#', ...) and select(n, ...) in an inlined vararg function.
-- jv: [TRACE   1 01_select_count.lua:6 loop]
local function count(...) return select('#', ...) end
local function second(...) return (select(2, ...)) end
local s = 0
for i = 1, 300 do s = s + count(i, nil, i) + second(i, i * 2, 3) end
print(s)

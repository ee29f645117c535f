-- The table grows while the loop runs (appends past the array part, rehashes that move
-- everything): loads inside the array part read the moved slots.
-- jv: [TRACE * 19_growth_in_loop.lua:6 loop]
local t = { 1 }
local s = 0
for i = 1, 500 do
  t[#t + 1] = i
  s = s + t[(i % #t) + 1] + t[1]
end
print(s, #t, t[250], t[501])

-- Loads past the end of the array part give nil (a table without metatable): the
-- bounds check fails and the load goes through the helper; loads inside it stay inline.
-- jv: [TRACE * 17_past_array.lua:7 loop]
-- jv: [TRACE * 17_past_array.lua:9 loop]
-- jv: [TRACE * (2/*) 17_past_array.lua:10 -> 2]
local t = {}
for i = 1, 64 do t[i] = i end
local s, nils = 0, 0
for i = 1, 300 do
  local v = t[i % 80]
  if v then s = s + v else nils = nils + 1 end
end
print(s, nils, #t)

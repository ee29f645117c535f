-- A stitched trace (after a call the recorder does not compile) crosses the outer FORL
-- and links to the compiled inner loop at its FORI.
-- jv: [TRACE   1 28_stitched_link.lua:9 loop]
-- jv: [TRACE   2 (1/*) 28_stitched_link.lua:9 stitch string.format]
-- jv: [TRACE   3 (2/stitch) 28_stitched_link.lua:10 -> 1]
local s = 0
local parts = {}
for i = 1, 80 do
  for j = 1, 60 do s = s + (i * j) % 11 end
  parts[#parts + 1] = string.format("%d", s % 10)
end
print(s, #table.concat(parts))

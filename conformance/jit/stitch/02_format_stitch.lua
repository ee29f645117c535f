-- string.format in a hot loop: stitched; the results flow through the stack into the
-- stitched trace, which keeps computing with them.
-- jv: [TRACE   1 02_format_stitch.lua:6 stitch string.format]
-- jv: [TRACE   2 (1/stitch) 02_format_stitch.lua:7 -> 1]
local total, last = 0, nil
for i = 1, 250 do
  local s = string.format("%d:%05.1f", i, i / 7)
  total = total + #s
  last = s
end
print(total, last)

-- A native that is not pure (string.format may call __tostring) is not recorded: the
-- trace stitches at it (the interpreter makes the call) and a stitched trace goes on.
-- jv: [TRACE   1 15_impure_aborts.lua:6 stitch string.format]
-- jv: [TRACE   2 (1/stitch) 15_impure_aborts.lua:7 -> 1]
local parts = {}
for i = 1, 100 do
  parts[#parts + 1] = string.format("%d", i)
end
print(#parts, parts[100])

-- The unrecorded native is called by an inlined function: the stitched trace starts in
-- the callee's frame and leaves to the interpreter where that frame returns.
-- jv: [TRACE   1 06_stitch_in_callee.lua:14 stitch string.rep]
-- jv: [TRACE   2 (1/stitch) 06_stitch_in_callee.lua:9 interpreter]
local cp = dofile("../fixtures/checkpoint.lua")
local function pad(s, w)
  local extra = w - #s
  if extra < 0 then extra = 0 end
  local r = string.rep(".", extra) .. s
  if w == 7 and s == "99" then cp("in callee") end
  return r
end
local n = 0
for i = 1, 200 do n = n + #pad(tostring(i), i % 8) end
print(n)

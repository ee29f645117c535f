-- State the stitched call depends on and changes: upvalues and globals written before
-- the call are in memory when the native (here a Lua callback through pcall) reads them.
-- jv: [TRACE   1 18_stitch_upvalues_and_globals.lua:13 stitch pcall]
-- jv: [TRACE   2 (1/stitch) 18_stitch_upvalues_and_globals.lua:16 -> 1]
counter = 0
local seen = 0
local function bump(k)
  counter = counter + k
  seen = seen + 1
  return counter
end
local last
for i = 1, 250 do
  counter = counter + 1
  seen = seen + 2
  local ok, v = pcall(bump, i)
  last = v + seen
end
print(counter, seen, last)

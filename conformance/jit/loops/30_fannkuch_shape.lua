-- Fannkuch's loop nest: prefix reversals (a `while` of one to four trips inside a
-- `while` of the flips) in an endless loop of permutations. As in LuaJIT, recordings abort
-- where they leave their loop (the reversal's at the flip count, the rotation's `while
-- true` at its `break`); the reversal loop traces, the rest grows as linking side traces.
-- jv: [TRACE   1 30_fannkuch_shape.lua:19 loop]
-- jv: [TRACE --- 30_fannkuch_shape.lua:23 -- leaving loop in root trace at 30_fannkuch_shape.lua:27]
-- jv: [TRACE   2 (1/*) 30_fannkuch_shape.lua:* -> 1]
-- jv: [TRACE --- 30_fannkuch_shape.lua:21 -- inner loop in root trace at 30_fannkuch_shape.lua:24]
-- jv: [TRACE --- 30_fannkuch_shape.lua:33 -- leaving loop in root trace at 30_fannkuch_shape.lua:42]
-- jv: [TRACE   3 30_fannkuch_shape.lua:23 loop]
-- jv: [TRACE * (3/*) 30_fannkuch_shape.lua:* -> 1]
local n = 7
local perm, work, count = {}, {}, {}
for i = 1, n do perm[i] = i end
local maxflips, checksum, index, r = 0, 0, 0, n
while true do
  while r > 1 do count[r] = r; r = r - 1 end
  if perm[1] ~= 1 then
    for i = 1, n do work[i] = perm[i] end
    local flips, first = 0, work[1]
    while first ~= 1 do
      local lo, hi = 1, first
      while lo < hi do
        work[lo], work[hi] = work[hi], work[lo]
        lo, hi = lo + 1, hi - 1
      end
      flips = flips + 1
      first = work[1]
    end
    if flips > maxflips then maxflips = flips end
    if index % 2 == 0 then checksum = checksum + flips else checksum = checksum - flips end
  end
  while true do
    if r == n then print(checksum, maxflips) return end
    local head = perm[1]
    for i = 1, r do perm[i] = perm[i + 1] end
    perm[r + 1] = head
    count[r + 1] = count[r + 1] - 1
    if count[r + 1] > 0 then break end
    r = r + 1
  end
  index = index + 1
end

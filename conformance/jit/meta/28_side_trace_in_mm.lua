-- A branch inside a metamethod becomes hot after the loop's trace formed: the side
-- trace starts inside the metamethod (its frames and the continuation frame come from
-- the exit), returns through the continuation and links back to the loop.
-- jv: [TRACE   1 28_side_trace_in_mm.lua:14 loop]
-- jv: [TRACE   2 (1/*) 28_side_trace_in_mm.lua:7 -> 1]
local M = {__index = function(t, k)
  if k > 100 then
    return k * 2
  end
  return k
end}
local o = setmetatable({}, M)
local s = 0
for i = 1, 300 do
  s = s + o[i]
end
print(s)

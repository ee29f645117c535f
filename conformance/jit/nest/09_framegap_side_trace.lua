-- The framegap shape with a branch in the metamethod's inner loop that becomes hot
-- later: a side trace of the inner loop's trace forms inside the metamethod, and its
-- exits too resume in the metamethod's frame.
-- jv: [TRACE   1 09_framegap_side_trace.lua:8 loop]
-- jv: [TRACE   2 (1/*) 09_framegap_side_trace.lua:9 -> 1]
local M = {__call = function(self, n)
  local acc = 0
  for j = 1, 30 do
    if n > 60 and j % 2 == 0 then acc = acc - j else acc = acc + j end
  end
  return acc + self.k
end}
local f = setmetatable({k = 1}, M)
local s = 0
for i = 1, 120 do s = s + f(i) end
print(s)

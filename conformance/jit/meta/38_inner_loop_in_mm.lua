-- A metamethod with a hot loop of its own, called from a hot loop: the outer recording
-- aborts at the inner loop; the inner loop's trace runs inside the metamethod's frame
-- (entered from the interpreter's continuation frame) and its exits resume there.
-- jv: [TRACE   1 38_inner_loop_in_mm.lua:7 loop]
local cp = dofile("../fixtures/checkpoint.lua")
local M = {__index = function(t, n)
  local acc = 0
  for j = 1, n % 7 + 2 do acc = acc + j end
  if n == 77 then cp("inner " .. n) end
  return acc
end}
local o = setmetatable({}, M)
local s = 0
for i = 1, 120 do
  s = s + o[i]
  if i == 100 then cp("outer " .. i) end
end
print(s)

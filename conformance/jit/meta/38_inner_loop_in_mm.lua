-- A metamethod with a hot loop, called from a hot loop: the outer trace inlines it up to
-- the inner loop's FORI and links to the inner loop's trace, which runs in the metamethod's
-- frame (above the continuation frame); its exits resume there. (LuaJIT: "__index", lua5.1 "?".)
-- jv: [TRACE   1 38_inner_loop_in_mm.lua:9 loop]
-- jv: [TRACE   3 38_inner_loop_in_mm.lua:15 -> 1]
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

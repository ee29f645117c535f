-- Key 0 lives in the array part's slot 0 (as in LuaJIT): loads and stores of t[0] on
-- trace read and write that slot, as the interpreter does.
-- jv: [TRACE * 14_index_zero.lua:7 loop]
local cp = dofile("../fixtures/checkpoint.lua")
local t = { [0] = 0, 1, 2, 3 }
local s = 0
for i = 1, 300 do
  t[0] = t[0] + i
  s = s + t[i % 4]
  if i == 150 then cp("zero") end
end
print(t[0], s, #t)

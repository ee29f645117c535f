-- A slot that holds cdata of one type, then another (int64_t, then uint64_t, then a
-- number): the ctype guard leaves the trace, side traces take the other types.
local cp = dofile("../fixtures/checkpoint.lua")
local v = 1LL
local s = 0
for i = 1, 300 do
  if i == 100 then v = 1ULL end
  if i == 200 then v = 1 end
  v = v + i
  s = s + tonumber(v) % 7
  if i == 150 or i == 250 then cp(tostring(v)) end
end
print(v, s)
-- jv: [TRACE   1 28_type_change_exit.lua:6 loop]

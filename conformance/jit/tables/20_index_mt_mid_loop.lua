-- Array-part holes read as nil until the table gets an __index metatable mid-loop:
-- from then on the nil loads must go to __index (the inline load of nil leaves).
-- jv: [TRACE * 20_index_mt_mid_loop.lua:8 loop]
local cp = dofile("../fixtures/checkpoint.lua")
local t = {}
for i = 1, 40 do t[i] = (i % 3 ~= 0) and i or nil end
local s, calls = 0, 0
for i = 1, 300 do
  local v = t[(i % 40) + 1]
  if v == nil then s = s - 1 else s = s + v end
  if i == 150 then
    setmetatable(t, { __index = function(_, k) calls = calls + 1 return 1000 end })
    cp("mt")
  end
end
print(s, calls)

-- Stores into array slots: over values (never __newindex) and into nil slots, which
-- must call __newindex once the table has such a metatable (set mid-loop).
-- jv: [TRACE * 21_newindex_mt_mid_loop.lua:7 loop]
local t = {}
for i = 1, 40 do t[i] = i end
local log = 0
for i = 1, 300 do
  local k = (i % 40) + 1
  t[k] = t[k] and (t[k] + 1) or nil
  if i % 7 == 0 then t[k] = nil end
  if i % 5 == 0 then t[k] = i end
  if i == 160 then
    setmetatable(t, { __newindex = function(tt, key, v) log = log + key rawset(tt, key, v) end })
  end
end
local s = 0
for i = 1, 40 do s = s + (t[i] or 0) end
print(s, log)

-- Stores into a metatable at constant metamethod-name keys, and at keys that are no
-- metamethod name, in a loop that also looks the metamethods up: a store of __index,
-- __newindex or __eq into a dead node (nil value) must make the negative metamethod
-- cache forget the name; a store of another key need not.
-- jv: [TRACE * 43_node_mm_name_store.lua:14 loop]
local mt = { __index = false, __newindex = false, __eq = false, other = 0 }
mt.__index, mt.__newindex, mt.__eq = nil, nil, nil
local a = setmetatable({}, mt)
local b = setmetatable({}, mt)
local idx = function(t, k) return k .. "!" end
local nidx = function(t, k, v) rawset(t, k, v * 2) end
local eq = function() return true end
local out = {}
for i = 1, 240 do
  local phase = i % 4
  mt.other = i
  if phase == 0 then mt.__index = nil mt.__newindex = nil mt.__eq = nil end
  out[#out + 1] = (a.q or "nil") .. (a == b and "=" or "~")
  if phase == 1 then mt.__index = idx end
  if phase == 2 then mt.__eq = eq end
  if phase == 3 then mt.__newindex = nidx end
  out[#out + 1] = (a.q or "nil") .. (a == b and "=" or "~")
  a.w = i
  out[#out + 1] = a.w
  a.w = nil
end
print(#out, out[1], out[2], out[3], out[4], out[5], out[6])
print(out[13], out[14], out[15], out[16], out[17], out[18])
print(out[700], out[701], out[702], out[703], out[704], out[705], out[706], out[720], mt.other)

-- Fields stored in a loop whose table gets a metatable partway: an __index and a
-- __newindex that see every access to a key the table lacks. Keys present stay plain
-- slots; a key deleted from the table then goes through the metamethods, and a key
-- added back is a slot again (at whatever node the insertion gives it).
-- jv: [TRACE * 42_node_metatable_appears.lua:13 loop]
local log = {}
local mt = {
  __index = function(t, k) log[#log + 1] = "get " .. k return 100 end,
  __newindex = function(t, k, v) log[#log + 1] = "set " .. k rawset(t, k, v) end,
}
local t = { a = 1, b = 2, c = 3 }
local s = 0
for i = 1, 300 do
  t.a = t.a + 1
  t.b = t.b + t.c
  s = s + t.a + t.b
  if i == 100 then setmetatable(t, mt) end
  if i == 150 then t.c = nil end
  if i == 151 then t.c = 3 end
  if i == 200 then t.b = nil end
  if i == 250 then setmetatable(t, nil) end
end
print(s, t.a, t.b, t.c)
print(#log, log[1], log[2], log[3], log[#log])

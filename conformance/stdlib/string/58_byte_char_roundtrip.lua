-- Every byte survives char/byte and sub/find.
local ok = true
for i = 0, 255 do
  local c = string.char(i)
  if c:byte() ~= i or #c ~= 1 then ok = false end
  if ("a" .. c .. "b"):find(c, 2, true) ~= 2 then ok = false end
end
print(ok)
local all = {}
for i = 0, 255 do all[i + 1] = i end
local s = string.char(unpack(all))
print(#s, s:byte(1), s:byte(-1), s:byte(129))
print(s:reverse():byte(1), s:sub(65, 70))

-- Identities that hold for all finite values on a grid.
local ok = true
for i = -100, 100 do
  local x = i / 8
  if math.floor(x) > x or math.ceil(x) < x then ok = false end
  if math.abs(x) < 0 then ok = false end
  local ip, fp = math.modf(x)
  if ip + fp ~= x then ok = false end
  if math.floor(-x) ~= -math.ceil(x) then ok = false end
end
print(ok)

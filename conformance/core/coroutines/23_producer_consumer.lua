-- Producer/consumer with values passed both ways.
local producer = coroutine.create(function()
  local total = 0
  for i = 1, 5 do
    local ack = coroutine.yield(i)
    total = total + ack
  end
  return total
end)
local _, v = coroutine.resume(producer)
while coroutine.status(producer) ~= "dead" do
  local ok, nv = coroutine.resume(producer, v * 10)
  v = nv
end
print(v)

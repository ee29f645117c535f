-- A closure keeps working when its upvalues are updated from a coroutine.
local count = 0
local co = coroutine.create(function()
  for i = 1, 3 do
    count = count + i
    coroutine.yield(count)
  end
end)
print(coroutine.resume(co))
count = count + 100
print(coroutine.resume(co))
print(coroutine.resume(co))
print(count)

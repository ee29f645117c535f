-- The four statuses: suspended, running, normal, dead.
local main_co, inner_co
inner_co = coroutine.create(function()
  print("outer from inner:", coroutine.status(main_co))
  print("inner from inner:", coroutine.status(inner_co))
end)
main_co = coroutine.create(function()
  coroutine.resume(inner_co)
  coroutine.yield()
end)
print(coroutine.status(main_co))
coroutine.resume(main_co)
print(coroutine.status(main_co), coroutine.status(inner_co))

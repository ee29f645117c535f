-- Loop peeling hoists the load of t.x and its type check out of the loop; a store on
-- another path (an exit, then a side trace) changes the field's value and then its
-- type, so the hoisted check must fail on a later iteration and leave the trace.
local t = { x = 1 }
local s = 0
local log = {}
for i = 1, 400 do
  local v = t.x
  if type(v) == "number" then s = s + v else log[#log + 1] = v end
  if i % 50 == 0 then t.x = t.x .. "" end
  if i % 75 == 0 then t.x = i end
end
print(s, #log, log[1], log[#log])

-- The same with a global and an upvalue the loop only reads.
g = 2.5
local u = 10
local function bump() u = u .. "!" end
local acc = 0
for i = 1, 300 do
  acc = acc + g
  if type(u) == "number" then acc = acc + u end
  if i == 100 then g = -1 end
  if i == 200 then bump() end
end
print(acc, u)

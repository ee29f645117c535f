-- A slot that changes type in the middle of a traced loop leaves through a snapshot.
local x = 0
local log = {}
for i = 1, 300 do
  if i == 200 then x = tostring(x) end
  if type(x) == "number" then x = x + 1 else log[#log + 1] = x end
end
print(x, #log, log[1])

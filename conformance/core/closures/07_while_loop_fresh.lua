-- while and repeat bodies also get fresh locals per iteration.
local fns = {}
local i = 0
while i < 3 do
  i = i + 1
  local j = i
  fns[#fns + 1] = function() return j end
end
repeat
  local k = i
  fns[#fns + 1] = function() return k * 10 end
  i = i + 1
until i > 5
for n = 1, #fns do print(fns[n]()) end

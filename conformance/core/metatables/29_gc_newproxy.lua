-- __gc runs for userdata made by newproxy(true) when it is collected.
local log = {}
do
  local p = newproxy(true)
  getmetatable(p).__gc = function() log[#log + 1] = "collected" end
end
collectgarbage()
collectgarbage()
print(#log, log[1])

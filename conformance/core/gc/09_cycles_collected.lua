-- Reference cycles are collected.
local weak = setmetatable({}, {__mode = "k"})
do
  local a, b = {}, {}
  a.other, b.other = b, a
  weak[a] = 1
  weak[b] = 2
end
collectgarbage()
collectgarbage()
print(next(weak))

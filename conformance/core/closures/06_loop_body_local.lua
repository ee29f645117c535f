-- A local declared in a loop body is fresh per iteration; closures in one iteration share it.
local getters, setters = {}, {}
for i = 1, 3 do
  local v = i
  getters[i] = function() return v end
  setters[i] = function(x) v = x end
end
setters[2](20)
print(getters[1](), getters[2](), getters[3]())

-- "step" returns a boolean telling whether a cycle finished.
local r = collectgarbage("step")
print(type(r))
local finished = false
for i = 1, 1000 do
  if collectgarbage("step", 100) then finished = true break end
end
print(finished)

-- break leaves only the innermost loop.
local log = ""
for i = 1, 3 do
  while true do
    log = log .. i
    break
  end
  log = log .. "."
end
print(log)

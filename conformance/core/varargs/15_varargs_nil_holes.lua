-- Varargs with nil holes survive being passed on.
local function show(...)
  local n = select("#", ...)
  local s = ""
  for i = 1, n do s = s .. tostring((select(i, ...))) .. " " end
  return n .. ": " .. s
end
print(show(nil, 1, nil, 2, nil))
print(show(unpack({1, nil, 3}, 1, 3)))

-- Many varargs through unpack and select.
local t = {}
for i = 1, 200 do t[i] = i end
local function sum(...)
  local s = 0
  for i = 1, select("#", ...) do s = s + select(i, ...) end
  return s
end
print(sum(unpack(t)))
print(select("#", unpack(t)))
print(select(199, unpack(t)))

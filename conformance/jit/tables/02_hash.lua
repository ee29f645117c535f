-- Constant string keys and string equality on trace.
local p = {x = 0, y = 0, name = "p"}
for i = 1, 400 do
  p.x = p.x + 1
  p.y = p.y + p.x
  if p.name == "p" then p.z = i end
end
print(p.x, p.y, p.z)
local words = {"a", "b", "a", "c", "a", "b"}
local na = 0
for i = 1, 600 do
  if words[i % 6 + 1] == "a" then na = na + 1 end
end
print(na)

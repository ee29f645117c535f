-- Closures capturing variables of two nested loops.
local fns = {}
for i = 1, 2 do
  for j = 1, 2 do
    fns[#fns + 1] = function() return i * 10 + j end
  end
end
local out = ""
for k = 1, #fns do out = out .. fns[k]() .. " " end
print(out)

-- Values nothing on trace reads again, that exits must still restore.
local last, s = nil, 0
for i = 1, 100000 do
  last = i * 3          -- only read after the loop
  s = s + i
  if s > 40000 then break end
end
print(last, s)

-- Swapped locals, carried round the loop, read only at the exit.
local a, b, c = 1, 2, 0
for i = 1, 1000 do
  a, b = b, a
  c = a * 2 + b
  if i == 777 then break end
end
print(a, b, c)

-- A value dead after the loop on one path, needed by an exit on the other.
local x, y = 0, 0
for i = 1, 500 do
  y = x + i
  if i % 100 == 0 then x = y else x = x + 1 end
end
print(x, y)

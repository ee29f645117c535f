-- A stateless iterator: the generic for passes state and control variable.
local function iter(limit, i)
  if i < limit then return i + 1, (i + 1) * (i + 1) end
end
for i, sq in iter, 4, 0 do print(i, sq) end

-- lua5.1 prints inf where LuaJIT prints -inf: its parser folds `0 * -1` to +0.
-- -0 is a double no integer stands for: products that are -0 must stay -0 wherever the
-- value can be seen (1/x, tostring), even when the same product is also compared.
local out = {}
for i = -300, 300 do
  local p = i * -1
  if p == 0 then out[#out + 1] = 1 / p end
end
print(out[1], #out)

local z = 0
for i = 0, 500 do
  local q = i * -2
  if q < 1 then z = 1 / q end
end
print(z)

-- A -0 constant in the arithmetic: no integer.
local nz = 0 * -1
local r = {}
for i = 0, 400 do r[#r + 1] = 1 / (nz - i) end
print(r[1], r[2], r[5], r[401])

-- An index starting at -0 (the loop is not narrowed; -0 survives).
local seen = {}
for i = nz, 100 do seen[#seen + 1] = tostring(i) .. ":" .. 1 / (i == 0 and i or 1) end
print(table.concat(seen, " ", 1, 5), #seen)

-- -0 compared with integers is 0.
local c = 0
for i = -200, 200 do
  if nz == i then c = c + 10 end
  if nz < i then c = c + 1 end
end
print(c)

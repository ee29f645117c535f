-- Every (i, j) in -5..5 on a three-byte string.
local s = "xyz"
for i = -5, 5 do
  local row = {}
  for j = -5, 5 do row[#row + 1] = "[" .. s:sub(i, j) .. "]" end
  print(i, table.concat(row))
end

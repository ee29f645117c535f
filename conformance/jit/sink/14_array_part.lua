-- A table constructor with positional values (array part) and stores by index: the
-- exit makes the table with the same array part, `#` and ipairs agree.
local s = 0
for i = 1, 300 do
  local t = { i, i + 1, i + 2 }
  t[4] = i + 3
  s = s + t[1] + t[4]
  if i % 100 == 0 then
    local parts = {}
    for j, v in ipairs(t) do parts[#parts + 1] = j .. "=" .. v end
    print(#t, table.concat(parts, " "))
  end
end
print(s)
-- jv: [TRACE   1 14_array_part.lua:4 loop]

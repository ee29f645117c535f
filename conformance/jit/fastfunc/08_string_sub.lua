-- string.sub on trace: positive, negative and out-of-range bounds, empty results.
-- jv: [TRACE   1 08_string_sub.lua:6 loop]
local s = "abcdefghij"
local total, parts = 0, {}
for r = 1, 6 do
  for i = -12, 12 do
    local a = s:sub(i)
    local b = string.sub(s, i, i + 3)
    local c = s:sub(2, i)
    total = total + #a * 100 + #b * 10 + #c
    if r == 6 then parts[#parts + 1] = b end
  end
end
print(total, table.concat(parts, ","))

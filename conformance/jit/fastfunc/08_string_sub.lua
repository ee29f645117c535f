-- string.sub on trace: positive, negative and out-of-range bounds, empty results.
-- jv: [TRACE   1 08_string_sub.lua:5 loop]
local s = "abcdefghij"
local total, parts = 0, {}
for i = -12, 12 do
  local a = s:sub(i)
  local b = string.sub(s, i, i + 3)
  local c = s:sub(2, i)
  total = total + #a * 100 + #b * 10 + #c
  parts[#parts + 1] = b
end
print(total, table.concat(parts, ","))

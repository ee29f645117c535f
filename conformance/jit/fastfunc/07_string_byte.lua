-- string.byte with one index; past the end it returns nothing (nil): the result's type
-- changes at the end of each string, a guard that exits and then gets a side trace.
-- jv: [TRACE   1 07_string_byte.lua:8 loop]
-- jv: [TRACE   2 (1/
local s = "the quick brown fox"
local sum, missing = 0, 0
for r = 1, 20 do
  for i = 1, 25 do
    local b = string.byte(s, i)
    if b then sum = sum + b else missing = missing + 1 end
  end
end
print(sum, missing, string.byte(s), s:byte(-1))

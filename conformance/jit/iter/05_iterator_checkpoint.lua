-- A checkpoint inside an inlined Lua iterator, at one iteration: the exit rebuilds
-- the iterator's frame above the loop's.
-- jv: [TRACE   1 05_iterator_checkpoint.lua:17 loop]
local cp = dofile("../fixtures/checkpoint.lua")
local function chars(s)
  return function(str, i)
    i = i + 1
    if i <= #str then
      local c = str:byte(i)
      if i == 150 then cp("iter") end
      return i, c
    end
  end, s, 0
end
local text = string.rep("abcdefghij", 30)
local sum = 0
for i, c in chars(text) do sum = sum + c * (i % 3) end
print(sum)

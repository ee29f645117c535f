-- An inner loop short enough to unroll into the outer one's trace: its index starts at
-- `i + 1` and steps by one, each step right after the array access of the index before
-- (whose bounds check rules out overflow), so all are integers. The checks stay at
-- every access: when the array shrinks the loop leaves at the first index past its end,
-- and an exit there restores the index as the number it is. A key past the array part
-- (in the hash part) leaves too.
-- jv: [TRACE   1 05_unrolled_index_steps.lua:13 loop]
local cp = dofile("../fixtures/checkpoint.lua")
local t, misses = {}, 0
for i = 1, 6 do t[i] = i * 10 end
local function pairsum(n)
  local s = 0
  for i = 1, n do
    local a = t[i]
    for j = i + 1, n do
      local b = t[j]
      if b == nil then
        misses = misses + 1
        if misses % 20 == 1 then cp("past end " .. i .. " " .. j) end
        break
      end
      s = s + a * b
    end
  end
  return s
end
local total = 0
for r = 1, 300 do
  total = total + pairsum(5)
  if r == 200 then t[5] = nil t[4] = nil end
  if r == 250 then t[4] = 40 t[5] = 50 t[8] = 80 end
end
print(total, pairsum(7), #t, misses)

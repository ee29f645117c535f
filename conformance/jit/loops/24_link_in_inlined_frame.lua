-- The outer loop's trace inlines a function up to its loop's FORI and links to that
-- loop's trace from the inlined frame (the base moves up to it); exits in the linked
-- loop rebuild both frames.
-- jv: [TRACE   1 24_link_in_inlined_frame.lua:9 loop]
-- jv: [TRACE   3 24_link_in_inlined_frame.lua:16 -> 1]
local cp = dofile("../fixtures/checkpoint.lua")
local function row(i, n)
  local acc = 0
  for j = 1, n do
    acc = acc + (i + j) % 17
    if i == 140 and j == 25 then cp("row " .. j) end
  end
  return acc
end
local s = 0
for i = 1, 200 do
  s = s + row(i, 30 + i % 4)
  if i == 160 then cp("outer " .. i) end
end
print(s)

-- A checkpoint two inlined frames deep, plus a value computed in each frame before
-- it: the exit rebuilds both frames with those values.
-- jv: [TRACE   1 05_nested_inline_checkpoint.lua:15 loop]
local cp = dofile("../fixtures/checkpoint.lua")
local function leaf(a, b)
  local prod = a * b
  if a == 77 then cp("leaf") end
  return prod
end
local function node(a)
  local half = a / 2
  return leaf(a, half) + half
end
local s = 0
for i = 1, 200 do s = s + node(i) end
print(s)

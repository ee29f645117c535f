-- A checkpoint three inlined frames deep: the exit rebuilds all three frames, with
-- their locals, above the loop's frame.
-- jv: [TRACE   1 08_deep_checkpoint.lua:19 loop]
local cp = dofile("../fixtures/checkpoint.lua")
local function inner(x, tag)
  local y = x * x
  if x == 200 then cp(tag) end
  return y
end
local function middle(x)
  local m = x + 0.5
  return inner(x, "deep") + m
end
local function outer(x)
  local o = middle(x) - 1
  return o
end
local s = 0
for i = 1, 300 do s = s + outer(i) end
print(s)

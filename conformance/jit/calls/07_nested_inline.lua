-- Three levels of inlined calls in one trace; results flow back through each frame.
-- c runs 4 times and b twice per iteration: their entries get hot (after about
-- twice hotloop calls) before the loop, so function traces form first.
-- jv: [TRACE * 07_nested_inline.lua:9 loop]
local function c(x) return x * 2 + 1 end
local function b(x) return c(x) + c(x + 1) end
local function a(x) return b(x) - b(x - 1) end
local s = 0
for i = 1, 500 do s = s + a(i) end
print(s)

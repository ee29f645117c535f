-- Three levels of inlined calls in one trace; results flow back through each frame.
-- jv: [TRACE   1 07_nested_inline.lua:7 loop]
local function c(x) return x * 2 + 1 end
local function b(x) return c(x) + c(x + 1) end
local function a(x) return b(x) - b(x - 1) end
local s = 0
for i = 1, 500 do s = s + a(i) end
print(s)

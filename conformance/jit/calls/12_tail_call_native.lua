-- A tail call of a fast function from an inlined frame returns its results directly.
-- jv: [TRACE   1 12_tail_call_native.lua:6 loop]
local function fl(x) return math.floor(x) end
local function mm(x) return math.modf(x) end
local s = 0
for i = 1, 400 do
  local a, b = mm(i / 8)
  s = s + fl(i / 3) + a + b
end
print(s)

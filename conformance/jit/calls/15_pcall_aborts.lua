-- pcall is not recorded: the trace ends with a stitch at it, the interpreter makes the
-- protected call, and a stitched trace carries on after it; results unchanged.
-- jv: [TRACE   1 15_pcall_aborts.lua:7 stitch pcall]
-- jv: [TRACE   2 (1/stitch) 15_pcall_aborts.lua:8 -> 1]
local function f(x) return x + 1 end
local s = 0
for i = 1, 200 do
  local ok, v = pcall(f, i)
  s = s + v
end
print(s)

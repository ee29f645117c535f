-- pcall is stitched: the protected call runs in the interpreter (its callee may run
-- traces of its own) and the stitched trace uses its results.
-- jv: [TRACE   1 08_pcall_stitch.lua:7 stitch pcall]
-- jv: [TRACE   2 (1/stitch) 08_pcall_stitch.lua:8 -> 1]
local function f(x) return x + 1, x * 2 end
local s = 0
for i = 1, 200 do
  local ok, a, b = pcall(f, i)
  s = s + a + b
end
print(s)

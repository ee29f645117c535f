-- ipairs/pairs over varargs tables; the ipairs loop's exit stitches at the next ipairs.
-- jv: [TRACE   1 14_pairs_over_varargs.lua:8 loop]
-- jv: [TRACE   2 (1/*) 14_pairs_over_varargs.lua:8 stitch ipairs]
-- jv: [TRACE   3 (2/stitch) 14_pairs_over_varargs.lua:8 -> 1]
local function f(...)
  local s = 0
  for r = 1, 60 do
    for i, v in ipairs({...}) do s = s + i * v end
  end
  local keys = 0
  for k, v in pairs({...}) do keys = keys + k end
  return s, keys
end
print(f(1, 2, 3, 4))

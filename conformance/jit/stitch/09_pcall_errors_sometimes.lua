-- The protected call raises an error on some iterations: the stitched trace sees
-- false and the message, exactly as the interpreter does.
-- jv: [TRACE   1 09_pcall_errors_sometimes.lua:10 stitch pcall]
-- jv: [TRACE   2 (1/stitch) 09_pcall_errors_sometimes.lua:11 -> 1]
local function f(x)
  if x % 7 == 0 then error("seven " .. x, 0) end
  return x
end
local s, errs, last = 0, 0, nil
for i = 1, 300 do
  local ok, v = pcall(f, i)
  if ok then s = s + v else errs = errs + 1 last = v end
end
print(s, errs, last)

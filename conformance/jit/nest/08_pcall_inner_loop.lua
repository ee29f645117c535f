-- pcall (not recorded) inside a hot loop, calling a function with a hot loop that raises
-- an error on some calls: the inner trace's exits and the errors all happen in the
-- nested frames the interpreter built.
-- jv: [TRACE   1 08_pcall_inner_loop.lua:7 loop]
local function work(n)
  local s = 0
  for i = 1, 25 do s = s + i * n end
  if n % 9 == 0 then error("nine " .. n) end
  return s
end
local ok_sum, errs, last = 0, 0, nil
for n = 1, 60 do
  local ok, r = pcall(work, n)
  if ok then ok_sum = ok_sum + r else errs = errs + 1 last = r end
end
print(ok_sum, errs, last)

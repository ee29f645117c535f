-- string.gsub with a function: the callback, run by the native for every match, has a
-- hot loop that traces; the replacement strings are the interpreter's.
-- jv: [TRACE   1 04_gsub_callback_loop.lua:7 loop]
local text = string.rep("ab12 cd345 ef6 ", 20)
local function digits_sum(d)
  local s = 0
  for i = 1, #d do s = s + d:byte(i) - 48 end
  return "<" .. s .. ">"
end
local out, n = text:gsub("%d+", digits_sum)
print(#out, n, out:sub(1, 40))

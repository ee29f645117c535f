-- The length operator on growing arrays and on strings, on trace.
-- jv: [TRACE   1 05_length.lua:5 loop]
local t, s = {}, ""
local acc = 0
for i = 1, 300 do
  t[#t + 1] = i
  acc = acc + #t
  if i % 10 == 0 then s = s .. "x" end
  acc = acc + #s
end
print(#t, acc, #s)

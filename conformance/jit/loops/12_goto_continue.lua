-- lua5.1 differs: it has no goto.
-- goto as continue inside a loop: a forward jump on trace.
-- jv: [TRACE   1 12_goto_continue.lua:5 loop]
local s = 0
for i = 1, 400 do
  if i % 3 == 0 then goto continue end
  s = s + i
  ::continue::
end
print(s)

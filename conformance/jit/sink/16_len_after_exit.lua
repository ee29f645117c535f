-- `#t` of a table made by an exit, for tables grown by stores past the constructor.
local s = 0
for i = 1, 300 do
  local t = {}
  t[1] = i
  t[2] = i
  t[3] = i
  if i % 150 == 0 then
    print(i, #t)
    t[#t + 1] = 0
    print(#t)
  end
  s = s + t[3]
end
print(s)
-- jv: [TRACE   1 16_len_after_exit.lua:3 loop]

-- `#t` on trace needs the table: it is allocated, and the length is right.
local s = 0
for i = 1, 300 do
  local t = { i, i, i }
  s = s + #t
end
print(s)
-- jv: [TRACE   1 25_length_escape.lua:3 loop]

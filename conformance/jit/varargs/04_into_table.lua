-- Varargs collected into a table ({...}) and its length.
-- jv: [TRACE   1 04_into_table.lua:5 loop]
local function pack(...) return { ... } end
local s = 0
for i = 1, 300 do
  local t = pack(i, i + 1, i + 2)
  s = s + #t + t[3]
end
print(s)

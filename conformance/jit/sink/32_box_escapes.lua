-- Boxes that escape stay allocated and keep their identity: passed to a function that
-- keeps what it gets, stored in a global and in a table, and compared by identity with
-- rawequal (the intermediate `h * 3ULL` boxes still sink).
local kept = {}
local function keep(x) kept[#kept + 1] = x end
local h = 3ULL
local same, other = 0, 0
for i = 1, 300 do
  h = h * 3ULL + 1ULL
  if i % 60 == 0 then keep(h) end
  LAST = h
  local t = { h }
  if rawequal(t[1], h) then same = same + 1 end
  if rawequal(h, LAST) then same = same + 1 end
  if rawequal(h, 3ULL) then other = other + 1 end
end
print(same, other, #kept)
for _, v in ipairs(kept) do print(v) end
print(LAST, rawequal(LAST, h), LAST == h)
-- jv: [TRACE   1 32_box_escapes.lua:8 loop]

-- table.sort runs its comparator in a nested interpreter; a hot loop inside the
-- comparator forms a trace of its own there, entered and left inside the sort.
-- jv: [TRACE * 02_sort_comparator_loop.lua:6 loop]
local function weight(s)
  local w = 0
  for i = 1, #s do w = w + s:byte(i) * i end
  return w
end
local words = {}
for i = 1, 60 do words[i] = string.rep(string.char(97 + (i * 7) % 26), i % 5 + 1) .. i end
local calls = 0
table.sort(words, function(a, b)
  calls = calls + 1
  local wa, wb = weight(a), weight(b)
  if wa ~= wb then return wa < wb end
  return a < b
end)
print(words[1], words[30], words[60], calls > 0)

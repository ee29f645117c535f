-- `while true` left by `break`: a root recording of it that gets to the break leaves
-- the loop, aborts there, and does not form a trace of the enclosing loop's body.
-- jv: [TRACE --- 29_break_leaves_root.lua:9 -- leaving loop in root trace at 29_break_leaves_root.lua:14]
local t = {}
for i = 1, 8 do t[i] = i end
local s, r = 0, 0
for n = 1, 4000 do
  r = n % 3
  while true do
    s = s + t[r + 1]
    r = r + 1
    if r >= 2 then break end
  end
  s = s + r
end
print(s)

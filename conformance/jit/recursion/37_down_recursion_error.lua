-- An error raised while the recursion returns (at one level, with the frames below
-- still live): pcall catches it with its position; the next run is unaffected.
-- jv: [TRACE * 37_down_recursion_error.lua:8 down-recursion]
local function acc(n, bad)
  if n == 0 then return 0 end
  local r = acc(n - 1, bad)
  if n == bad then error("bad level " .. n) end
  return r + n
end
local s = 0
for i = 1, 100 do s = s + acc(50, -1) end
print(s)
print(pcall(acc, 200, 123))
print(acc(200, -1))

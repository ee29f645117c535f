-- An error raised deep inside recursion: pcall catches it with its position, and the
-- stack below is intact (the next call works).
-- jv: [TRACE * 21_error_deep.lua:4 up-recursion]
local function dive(n, at)
  if n == at then error("boom at " .. n) end
  if n == 0 then return 0 end
  return 1 + dive(n - 1, at)
end
for i = 1, 50 do dive(100, -1) end
print(pcall(dive, 300, 17))
print(pcall(dive, 300, -1))
print(select(2, pcall(dive, 1000, 999)))

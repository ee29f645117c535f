-- Repeated stack overflows from the same recursive trace, interleaved with normal
-- deep recursion: the reserve stack is given back each time.
-- (lua5.1 differs: its message carries the position; LuaJIT's does not.)
local function inf(n) local x = n + 1 return inf(x) + x end
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
for round = 1, 3 do
  local ok, e = pcall(inf, round)
  print(round, ok, e, depth(6000))
end

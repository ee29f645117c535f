-- The proxy pattern: an empty table whose __index and __newindex forward to a backing
-- table and count the accesses.
-- jv: [TRACE   3 37_proxy.lua:13 loop]
local function proxy(backing)
  local counts = {r = 0, w = 0}
  return setmetatable({}, {
    __index = function(_, k) counts.r = counts.r + 1 return backing[k] end,
    __newindex = function(_, k, v) counts.w = counts.w + 1 backing[k] = v end,
  }), counts
end
local back = {}
local p, counts = proxy(back)
for i = 1, 200 do
  p[i] = i * i
  p.last = p[i] + (p[i - 1] or 0)
end
print(back.last, counts.r, counts.w, rawget(p, 1))

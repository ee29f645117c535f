-- tostring on an object with __tostring (the native calls the metamethod), inside a
-- hot loop, the metamethod with a hot loop: the outer recording stops at the native,
-- the metamethod's loop traces in the nested call.
-- jv: [TRACE   1 10_tostring_mm_loop.lua:7 loop]
local P = {__tostring = function(p)
  local parts = {}
  for i = 1, p.n do parts[i] = i * p.n end
  return "P(" .. table.concat(parts, ",") .. ")"
end}
local total = 0
local last
for i = 1, 50 do
  last = tostring(setmetatable({n = i % 6 + 1}, P))
  total = total + #last
end
print(total, last)

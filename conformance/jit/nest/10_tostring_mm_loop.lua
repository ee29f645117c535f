-- tostring on an object with __tostring (the native calls the metamethod), inside a
-- hot loop, the metamethod with a hot loop: the metamethod's loop gets hot in the
-- nested call and records there (its one to six trips keep leaving it, as in LuaJIT).
-- jv: [TRACE --- 10_tostring_mm_loop.lua:7 -- leaving loop in root trace at 10_tostring_mm_loop.lua:8]
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

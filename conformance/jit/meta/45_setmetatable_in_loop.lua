-- A metatable set halfway through a loop: the next load of a missing key goes through
-- __index, a store of a new key through __newindex (the trace's "no metatable" facts
-- do not outlive the store of the metatable), and `setmetatable` returns its table.
-- jv: [TRACE   1 45_setmetatable_in_loop.lua:12 loop]
local seen = 0
local mt = {
  __index = function(t, k) return k * 10 end,
  __newindex = function(t, k, v) seen = seen + k end,
}
local sa, sb, sc, same = 0, 0, 0, 0
local t
for i = 1, 120 do
  t = {}
  local a = t[i] or -1
  local r = (i % 40 == 0) and setmetatable(t, mt) or t
  local b = t[i] or -2
  t[i] = i
  sa, sb, sc = sa + a, sb + b, sc + (rawget(t, i) or 0)
  if r == t then same = same + 1 end
end
print(sa, sb, sc, same, seen)

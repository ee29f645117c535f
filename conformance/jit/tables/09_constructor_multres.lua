-- Table constructors with multiple results at the end ({f()}) store them all.
-- jv: [TRACE   1 09_constructor_multres.lua:5 loop]
local function three(i) return i, i + 1, i + 2 end
local s = 0
for i = 1, 300 do
  local t = { 0, three(i) }
  local u = { three(i), 9 }
  s = s + #t + t[4] + #u + u[2]
end
print(s)

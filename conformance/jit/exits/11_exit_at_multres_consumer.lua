-- Exits at instructions that consume multiple results (a call f(g()) whose callee
-- changes, a return of a call's results, a constructor {g()}): the exit restores the
-- count of values too, so the interpreter passes, returns and stores them all.
-- jv: [TRACE * 11_exit_at_multres_consumer.lua:9 loop]
local function g(i) return i, i * 2, i * 3 end
function F(a, b, c) return a + b + c end
local function fwd(i) return g(i) end
local s = 0
for i = 1, 400 do
  s = s + F(g(i))
  local x, y, z = fwd(i)
  local t = { g(i) }
  s = s + x + y + z + #t
  if i == 200 then F = function(a, b, c) return a * 100 + b * 10 + c end end
  if i == 300 then g = function(i) return i, 1, 2 end end
end
print(s)

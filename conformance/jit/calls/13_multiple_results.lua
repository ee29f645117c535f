-- Calls whose results feed another call's arguments (f(g())): the count of results is
-- fixed on the recorded path.
-- jv: [TRACE   1 13_multiple_results.lua:8 loop]
local function three(x) return x, x + 1, x + 2 end
local function add3(a, b, c) return a + b + c end
local function pass(...) return ... end
local s = 0
for i = 1, 400 do
  s = s + add3(three(i)) + add3(1, three(i)) + add3(pass(i, 2, 3))
end
print(s)

-- Vararg metamethods and multiple results: an __index taking (t, ...), a __call
-- returning all of its arguments (RETM), called with a multiple-results argument list
-- (CALLM) and counted by select.
-- jv: [TRACE   2 42_vararg_mm_multres.lua:9 loop]
local V = setmetatable({}, {__index = function(t, ...) return select("#", ...) + (...) end,
  __call = function(self, ...) return ... end})
local function mr(i) return i, i + 1, i + 2 end
local s = 0
for i = 1, 100 do
  s = s + V[i] + V(mr(i)) + select("#", V(mr(i)))
end
print(s)

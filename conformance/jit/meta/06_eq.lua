-- __eq between two different tables with the same metamethod; equal tables never call
-- it; tables with different __eq functions compare unequal without a call.
-- jv: [TRACE * 06_eq.lua:12 loop]
local calls = 0
local E = {__eq = function(a, b) calls = calls + 1 return a.id % 5 == b.id % 5 end}
local F = {__eq = function(a, b) return true end}
local xs = {}
for i = 1, 100 do xs[i] = setmetatable({id = i}, E) end
local probe = setmetatable({id = 0}, E)
local other = setmetatable({id = 0}, F)
local same, ne, self_eq, mixed = 0, 0, 0, 0
for i = 1, 100 do
  local x = xs[i]
  if x == probe then same = same + 1 end
  if x ~= probe then ne = ne + 1 end
  if x == x then self_eq = self_eq + 1 end
  if x == other then mixed = mixed + 1 end
end
print(same, ne, self_eq, mixed, calls)

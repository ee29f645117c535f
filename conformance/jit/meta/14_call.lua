-- __call: the object becomes the first argument of its metamethod, an ordinary call
-- frame (no continuation); the results go where the call's results go.
-- jv: [TRACE * 14_call.lua:8 loop]
local C = {__call = function(self, a, b) return self.base + a * (b or 1), a end}
local obj = setmetatable({base = 10}, C)
local s = 0
local r2 = 0
for i = 1, 150 do
  local x, y = obj(i, 2)
  s = s + x + obj(i)
  r2 = r2 + y
end
print(s, r2)

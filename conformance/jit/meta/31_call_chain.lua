-- __call whose metamethod calls another callable object: two inlined call frames, each
-- with its object as the first argument.
-- jv: [TRACE * 31_call_chain.lua:9 loop]
local Inner = {__call = function(self, x) return self.k * x end}
local inner = setmetatable({k = 3}, Inner)
local Outer = {__call = function(self, x) return self.f(x) + 1 end}
local outer = setmetatable({f = inner}, Outer)
local s = 0
for i = 1, 200 do
  s = s + outer(i)
end
print(s)

-- TGETS of a method name through an __index function that builds the answer: the
-- constant key is passed as the second argument.
-- jv: [TRACE   2 10_index_strkey.lua:8 loop]
local proxy = setmetatable({}, {__index = function(t, k)
  return #k
end})
local s = 0
for i = 1, 200 do
  s = s + proxy.alpha + proxy.be + proxy[i .. ""]
end
print(s)

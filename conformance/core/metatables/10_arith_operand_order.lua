-- The metamethod receives the operands in their original order.
local mt = {__sub = function(a, b)
  local function name(v) if type(v) == "table" then return "T" end return tostring(v) end
  return name(a) .. "-" .. name(b)
end}
local t = setmetatable({}, mt)
print(t - 1, 1 - t, t - t, "s" - t)

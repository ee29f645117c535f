-- __concat for tables with strings, numbers and each other.
local mt = {__concat = function(a, b)
  local function s(v) if type(v) == "table" then return "[" .. v.n .. "]" end return v end
  return s(a) .. s(b)
end}
local a = setmetatable({n = "a"}, mt)
local b = setmetatable({n = "b"}, mt)
print(a .. "x", "x" .. a, a .. b, 1 .. a)
print("p" .. a .. "q")
print(a .. b .. "z")
